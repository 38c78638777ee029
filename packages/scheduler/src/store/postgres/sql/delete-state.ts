import type { PgTables } from '../tables.js';

/** Deletes one state value ($1 key). */
export const deleteState = (t: PgTables): string => `DELETE FROM ${t.state} WHERE key = $1`;
