import type { PgTables } from '../tables.js';

/**
 * Version 2 (dropped by version 3): `claim_run(...)`, the claim as one server-side call. It runs the
 * claim statement (expired holder → `abandoned`, then INSERT … ON CONFLICT DO
 * NOTHING on the partial unique index) and, when the slot is held by a run
 * that committed after that statement's snapshot, reads the holder with a
 * fresh snapshot — so a losing instance needs one round trip, not two.
 * Returns `(kind, run)` rows: `claimed`, `abandoned`, `existing`.
 */
export const migration002ClaimFunction = (t: PgTables): string => `
CREATE FUNCTION ${t.quoted}.claim_run(
  p_now timestamptz, p_id text, p_job text, p_scheduled_for timestamptz, p_claim_key text, p_trigger text,
  p_status text, p_reason text, p_instance_id text, p_lease_ms double precision, p_abandon_reason text
) RETURNS TABLE (kind text, run ${t.runs})
LANGUAGE plpgsql VOLATILE AS $claim$
#variable_conflict use_column
DECLARE
  v_now timestamptz := date_trunc('milliseconds', coalesce(p_now, now()));
BEGIN
  RETURN QUERY
  WITH abandoned AS (
    UPDATE ${t.runs} r
    SET status = 'abandoned', reason = p_abandon_reason, finished_at = v_now
    WHERE r.job = p_job AND r.claim_key = p_claim_key AND r.status = 'running' AND r.lease_expires_at <= v_now
    RETURNING r.*
  ),
  claimed AS (
    INSERT INTO ${t.runs} (
      id, job, scheduled_for, claim_key, run_trigger, status, reason,
      created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
    )
    SELECT p_id, p_job, p_scheduled_for, p_claim_key, p_trigger, p_status, p_reason, v_now, p_instance_id,
      CASE WHEN p_status = 'running' THEN v_now + p_lease_ms * interval '1 millisecond' END,
      CASE WHEN p_status = 'running' THEN v_now END,
      CASE WHEN p_status = 'running' THEN NULL ELSE v_now END
    WHERE (SELECT count(*) FROM abandoned) >= 0
    ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
    RETURNING *
  )
  SELECT 'claimed'::text, c::${t.runs} FROM claimed c
  UNION ALL
  SELECT 'abandoned'::text, a::${t.runs} FROM abandoned a;
  IF NOT FOUND THEN
    -- held: a new statement sees the holder even if it committed while we waited on it
    RETURN QUERY SELECT 'existing'::text, h FROM ${t.runs} h
      WHERE h.job = p_job AND h.claim_key = p_claim_key AND h.status <> 'abandoned';
  END IF;
END
$claim$`;
