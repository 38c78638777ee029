import type { SqliteTables } from '../tables.js';

/**
 * A write that leaves nothing behind (inside the migration transaction), so
 * `init()` fails at once on a file the process may not write, not at the
 * first claim.
 */
export const probeWrite = (t: SqliteTables): string =>
  `INSERT INTO ${t.migrations} (version, name, applied_at) VALUES (-1, 'write-probe', 0); DELETE FROM ${t.migrations} WHERE version = -1`;
