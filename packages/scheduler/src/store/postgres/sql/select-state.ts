import type { PgTables } from '../tables.js';

/** One state value ($1 key). */
export const selectState = (t: PgTables): string => `SELECT value FROM ${t.state} WHERE key = $1`;
