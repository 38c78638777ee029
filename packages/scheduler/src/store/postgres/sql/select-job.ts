import type { PgTables } from '../tables.js';

/** One job row ($1 name). */
export const selectJob = (t: PgTables): string => `SELECT * FROM ${t.jobs} WHERE name = $1`;
