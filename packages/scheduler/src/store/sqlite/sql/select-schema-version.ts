import type { SqliteTables } from '../tables.js';

/** The highest applied schema version (NULL when none). */
export const selectSchemaVersion = (t: SqliteTables): string => `SELECT max(version) AS version FROM ${t.migrations}`;
