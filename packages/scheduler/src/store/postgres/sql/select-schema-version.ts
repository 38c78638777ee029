import type { PgTables } from '../tables.js';

/** The highest applied schema version (NULL when none). */
export const selectSchemaVersion = (t: PgTables): string => `SELECT max(version) AS version FROM ${t.migrations}`;
