import type { SqliteTables } from '../tables.js';

/** One job row. */
export const selectJob = (t: SqliteTables): string => `SELECT * FROM ${t.jobs} WHERE name = @name`;
