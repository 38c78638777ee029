import { nowExpression, type PgTables } from '../tables.js';

/**
 * Claims a slot in one statement: marks the running holder of
 * `(job, claim_key)` abandoned if its lease expired, then inserts the new run
 * unless a live run holds the key (partial unique index, ON CONFLICT DO
 * NOTHING). The insert waits for the takeover (`abandoned` is read first), so
 * the index no longer sees the old holder. Returns the new run (`kind =
 * 'claimed'`) and the abandoned one; when the slot is held, the holder
 * (`existing`) if it committed before this statement began, else no row.
 *
 * $1 now (or NULL: database clock), $2 id, $3 job, $4 scheduled_for,
 * $5 claim_key, $6 trigger, $7 status, $8 reason, $9 instance_id,
 * $10 lease ms, $11 abandon reason.
 */
export const claimRun = (t: PgTables): string => `
WITH clock AS (SELECT ${nowExpression('$1')} AS now),
abandoned AS (
  UPDATE ${t.runs} r
  SET status = 'abandoned', reason = $11, finished_at = clock.now
  FROM clock
  WHERE r.job = $3 AND r.claim_key = $5 AND r.status = 'running' AND r.lease_expires_at <= clock.now
  RETURNING r.*
),
claimed AS (
  INSERT INTO ${t.runs} (
    id, job, scheduled_for, claim_key, run_trigger, status, reason,
    created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
  )
  SELECT $2, $3, $4, $5, $6, $7, $8, clock.now, $9,
    CASE WHEN $7 = 'running' THEN clock.now + $10 * interval '1 millisecond' END,
    CASE WHEN $7 = 'running' THEN clock.now END,
    CASE WHEN $7 = 'running' THEN NULL ELSE clock.now END
  FROM clock
  WHERE (SELECT count(*) FROM abandoned) >= 0
  ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
  RETURNING *
)
SELECT 'claimed' AS kind, * FROM claimed
UNION ALL
SELECT 'abandoned' AS kind, * FROM abandoned
UNION ALL
SELECT 'existing' AS kind, h.* FROM ${t.runs} h
WHERE h.job = $3 AND h.claim_key = $5 AND h.status <> 'abandoned' AND NOT EXISTS (SELECT 1 FROM claimed)`;
