import type { PgTables } from '../tables.js';

/** The table recording applied schema versions. */
export const createMigrationsTable = (t: PgTables): string => `
CREATE TABLE IF NOT EXISTS ${t.migrations} (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
