import type { SqliteTables } from '../tables.js';

/** Marks the running holder of `(job, claim_key)` abandoned if its lease has expired. */
export const abandonExpiredHolder = (t: SqliteTables): string => `
UPDATE ${t.runs}
SET status = 'abandoned', reason = @reason, finished_at = @now
WHERE job = @job AND claim_key = @claimKey AND status = 'running' AND lease_expires_at <= @now
RETURNING *`;
