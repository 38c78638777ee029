import type { SqliteTables } from '../tables.js';

/** One run by id. */
export const selectRun = (t: SqliteTables): string => `SELECT * FROM ${t.runs} WHERE id = @id`;
