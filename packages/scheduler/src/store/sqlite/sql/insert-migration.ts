import type { SqliteTables } from '../tables.js';

/** Records one applied schema version. */
export const insertMigration = (t: SqliteTables): string =>
  `INSERT INTO ${t.migrations} (version, name, applied_at) VALUES (@version, @name, @now)`;
