import type { PgTables } from '../tables.js';

/** One run by id ($1). */
export const selectRun = (t: PgTables): string => `SELECT * FROM ${t.runs} WHERE id = $1`;
