import type { PgTables } from '../tables.js';

/**
 * Version 4: the claim as one server-side call, `claim_slot(...)`, replacing the
 * claim statement and `live_run(...)` of version 3 (dropped). Cheaper for both
 * sides of a race: the winner runs one plain INSERT … ON CONFLICT DO NOTHING on
 * the partial unique index; a loser, after that insert waited for the winner,
 * reads the holder with a fresh snapshot (each statement of a VOLATILE PL/pgSQL
 * function takes one under READ COMMITTED). A running holder whose lease expired
 * (database clock, or `p_now` when a clock is injected) is marked `abandoned` —
 * the UPDATE re-checks status and lease on the newest row version, so a
 * heartbeat that renewed it in between wins — and the insert is tried again.
 * Each run comes back as one `json` value (`row_to_json`): one column to
 * describe and parse instead of nineteen.
 *
 * Returns `(kind, run)` rows: `claimed`, and `abandoned` when it took over an
 * expired lease; `existing` when the slot is held. No row only when the holder
 * changed under it three times (the caller tries again).
 */
export const migration004ClaimSlotFunction = (t: PgTables): string => `
DROP FUNCTION IF EXISTS ${t.quoted}.live_run(text, text);
CREATE FUNCTION ${t.quoted}.claim_slot(
  p_now timestamptz, p_id text, p_job text, p_scheduled_for timestamptz, p_claim_key text, p_trigger text,
  p_status text, p_reason text, p_instance_id text, p_lease_ms double precision, p_abandon_reason text
) RETURNS TABLE (kind text, run json)
LANGUAGE plpgsql VOLATILE AS $claim$
#variable_conflict use_column
DECLARE
  v_now timestamptz := date_trunc('milliseconds', coalesce(p_now, now()));
  v_running boolean := p_status = 'running';
  r ${t.runs};
BEGIN
  FOR attempt IN 1..3 LOOP
    INSERT INTO ${t.runs} AS n (
      id, job, scheduled_for, claim_key, run_trigger, status, reason,
      created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
    )
    VALUES (
      p_id, p_job, p_scheduled_for, p_claim_key, p_trigger, p_status, p_reason, v_now, p_instance_id,
      CASE WHEN v_running THEN v_now + p_lease_ms * interval '1 millisecond' END,
      CASE WHEN v_running THEN v_now END,
      CASE WHEN v_running THEN NULL ELSE v_now END
    )
    ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
    RETURNING n.* INTO r;
    IF FOUND THEN
      kind := 'claimed'; run := row_to_json(r); RETURN NEXT;
      RETURN;
    END IF;
    -- held: a new statement sees the holder even if it committed while the insert waited on it
    SELECT h.* INTO r FROM ${t.runs} h WHERE h.job = p_job AND h.claim_key = p_claim_key AND h.status <> 'abandoned';
    CONTINUE WHEN NOT FOUND; -- abandoned or pruned meanwhile: insert again
    IF r.status <> 'running' OR r.lease_expires_at > v_now THEN
      kind := 'existing'; run := row_to_json(r); RETURN NEXT;
      RETURN;
    END IF;
    UPDATE ${t.runs} u SET status = 'abandoned', reason = p_abandon_reason, finished_at = v_now
    WHERE u.id = r.id AND u.status = 'running' AND u.lease_expires_at <= v_now
    RETURNING u.* INTO r;
    IF FOUND THEN
      kind := 'abandoned'; run := row_to_json(r); RETURN NEXT;
    END IF;
  END LOOP;
END
$claim$`;
