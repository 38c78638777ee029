import type { SqliteTables } from '../tables.js';

/** One state value. */
export const selectState = (t: SqliteTables): string => `SELECT value FROM ${t.state} WHERE key = @key`;
