import type { PgTables } from '../tables.js';

/** Records one applied schema version ($1 version, $2 name). */
export const insertMigration = (t: PgTables): string => `INSERT INTO ${t.migrations} (version, name) VALUES ($1, $2)`;
