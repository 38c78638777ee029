import type { SqliteTables } from '../tables.js';

/** The earliest lease expiry (ms) among running runs, NULL when none runs (the partial index on running leases). */
export const selectNextLeaseExpiry = (t: SqliteTables): string =>
  `SELECT min(lease_expires_at) AS next FROM ${t.runs} WHERE status = 'running'`;
