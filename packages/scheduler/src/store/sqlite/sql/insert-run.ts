import type { SqliteTables } from '../tables.js';

/** Claims a slot: inserts the run unless a live (non-abandoned) run holds `(job, claim_key)`. */
export const insertRun = (t: SqliteTables): string => `
INSERT INTO ${t.runs} (
  id, job, scheduled_for, claim_key, run_trigger, status, reason,
  created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
) VALUES (
  @id, @job, @scheduledFor, @claimKey, @trigger, @status, @reason,
  @now, @instanceId, @leaseExpiresAt, @heartbeatAt, @finishedAt
)
ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
RETURNING *`;
