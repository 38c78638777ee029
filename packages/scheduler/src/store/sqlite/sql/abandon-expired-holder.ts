import type { SqliteTables } from '../tables.js';

/**
 * Marks the running holder of `(job, claim_key)` abandoned if its lease has
 * expired. The holder is found through the partial unique index
 * (`status <> 'abandoned'` is its predicate) and updated by rowid: with
 * `status = 'running'` in the same WHERE, SQLite would pick the
 * `(job, status, …)` index and scan every running run of the job.
 */
export const abandonExpiredHolder = (t: SqliteTables): string => `
UPDATE ${t.runs}
SET status = 'abandoned', reason = @reason, finished_at = @now
WHERE rowid = (
    SELECT rowid FROM ${t.runs} WHERE job = @job AND claim_key = @claimKey AND status <> 'abandoned'
  )
  AND status = 'running' AND lease_expires_at <= @now
RETURNING *`;
