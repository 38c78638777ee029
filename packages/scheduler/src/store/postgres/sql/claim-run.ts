import type { PgTables } from '../tables.js';

/**
 * Claims a slot in one plain, named (prepared) statement:
 * 1. `holder`: the live run of `(job, claim_key)`, read through the partial
 *    unique index (`status <> 'abandoned'` is its predicate, and no other
 *    index can serve `<>`, so even a plan cached while the table was empty
 *    uses it);
 * 2. `abandoned`: that run marked abandoned if its lease expired, updated by
 *    `ctid` (a TID scan: no index choice to go wrong; a concurrent update is
 *    followed and `status`/lease are re-checked on the newest version);
 * 3. `claimed`: INSERT … ON CONFLICT DO NOTHING on the partial unique index;
 * 4. the rows: `claimed` (the new run), `abandoned` (the run it took over),
 *    or `existing` (the live holder when the insert lost): `holder` when it
 *    was in this statement's snapshot, else `live_run(...)` (migration 3, a
 *    one-line function), which reads the run that committed while the insert
 *    waited for it with a fresh snapshot — instances that fire at the same
 *    moment race like this, and each loser still needs one round trip.
 *
 * No row only when the holder changed under the statement (rare): the caller
 * then reads it with `selectHolder`.
 *
 * $1 now (or NULL: database clock), $2 id, $3 job, $4 scheduled_for,
 * $5 claim_key, $6 trigger, $7 status, $8 reason, $9 instance_id,
 * $10 lease ms, $11 abandon reason.
 */
export const claimRun = (t: PgTables): string => `
WITH clock AS (
  SELECT date_trunc('milliseconds', coalesce($1::timestamptz, now())) AS now
),
holder AS (
  SELECT h.ctid AS row_id, h.* FROM ${t.runs} h
  WHERE h.job = $3::text AND h.claim_key = $5::text AND h.status <> 'abandoned'
),
abandoned AS (
  UPDATE ${t.runs} r
  SET status = 'abandoned', reason = $11::text, finished_at = clock.now
  FROM clock
  WHERE r.ctid = (SELECT row_id FROM holder) AND r.status = 'running' AND r.lease_expires_at <= clock.now
  RETURNING r.*
),
claimed AS (
  INSERT INTO ${t.runs} (
    id, job, scheduled_for, claim_key, run_trigger, status, reason,
    created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
  )
  SELECT $2::text, $3::text, $4::timestamptz, $5::text, $6::text, $7::text, $8::text, clock.now, $9::text,
    CASE WHEN $7::text = 'running' THEN clock.now + $10::float8 * interval '1 millisecond' END,
    CASE WHEN $7::text = 'running' THEN clock.now END,
    CASE WHEN $7::text = 'running' THEN NULL ELSE clock.now END
  FROM clock
  WHERE (SELECT count(*) FROM abandoned) >= 0
  ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
  RETURNING *
)
SELECT 'claimed' AS kind, * FROM claimed
UNION ALL
SELECT 'abandoned', * FROM abandoned
UNION ALL
SELECT 'existing', h.id, h.job, h.scheduled_for, h.claim_key, h.run_trigger, h.status, h.reason, h.attempts,
  h.result, h.error, h.created_at, h.started_at, h.finished_at, h.duration_ms, h.instance_id,
  h.lease_expires_at, h.heartbeat_at, h.progress
FROM holder h, clock
WHERE NOT EXISTS (SELECT 1 FROM claimed) AND NOT EXISTS (SELECT 1 FROM abandoned)
  AND NOT (h.status = 'running' AND h.lease_expires_at <= clock.now)
UNION ALL
SELECT 'existing', l.* FROM ${t.quoted}.live_run($3::text, $5::text) l
WHERE NOT EXISTS (SELECT 1 FROM claimed) AND NOT EXISTS (SELECT 1 FROM abandoned)
  AND NOT EXISTS (SELECT 1 FROM holder)`;
