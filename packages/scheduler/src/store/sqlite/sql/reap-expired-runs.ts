import type { SqliteTables } from '../tables.js';

/** Marks every running run whose lease has expired abandoned, returning them. */
export const reapExpiredRuns = (t: SqliteTables): string => `
UPDATE ${t.runs}
SET status = 'abandoned', reason = @reason, finished_at = @now
WHERE status = 'running' AND lease_expires_at <= @now
RETURNING *`;
