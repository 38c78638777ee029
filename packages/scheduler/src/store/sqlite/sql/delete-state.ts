import type { SqliteTables } from '../tables.js';

/** Deletes one state value. */
export const deleteState = (t: SqliteTables): string => `DELETE FROM ${t.state} WHERE key = @key`;
