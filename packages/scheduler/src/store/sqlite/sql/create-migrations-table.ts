import type { SqliteTables } from '../tables.js';

/** The table recording applied schema versions. */
export const createMigrationsTable = (t: SqliteTables): string => `
CREATE TABLE IF NOT EXISTS ${t.migrations} (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;
