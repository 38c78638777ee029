import type { PgTables } from '../tables.js';

/**
 * Version 4: the claim as one server-side call, `claim_slot(...)`, replacing the
 * claim statement and `live_run(...)` of version 3 (dropped). Built so that both
 * common cases cost about what a bare INSERT … ON CONFLICT DO NOTHING costs:
 *
 * - win: one plain INSERT … ON CONFLICT DO NOTHING on the partial unique index, and
 *   only the database times of the new run come back (`{"now", "lease"}`); the
 *   caller knows every other column, having sent them.
 * - lose: after that insert waited for the winner, one index read of the holder
 *   with a fresh snapshot (each statement of a VOLATILE PL/pgSQL function takes one
 *   under READ COMMITTED), rendered once by `row_to_json` (`{"holder": run}`).
 *
 * A running holder whose lease expired (database clock, or `p_now` when a clock is
 * injected) is marked `abandoned`: the UPDATE re-checks status and lease on the
 * newest row version, so a heartbeat that renewed it in between wins; then the
 * insert is tried again and a win carries the abandoned run
 * (`{"now", "lease", "abandoned": run}`). NULL only when the holder changed under
 * the claim three times (the caller tries again). A scalar `json` result: no
 * set-returning function, one column to describe and parse.
 */
export const migration004ClaimSlotFunction = (t: PgTables): string => `
DROP FUNCTION IF EXISTS ${t.quoted}.live_run(text, text);
CREATE FUNCTION ${t.quoted}.claim_slot(
  p_now timestamptz, p_id text, p_job text, p_scheduled_for timestamptz, p_claim_key text, p_trigger text,
  p_status text, p_reason text, p_instance_id text, p_lease_ms double precision, p_abandon_reason text
) RETURNS json
LANGUAGE plpgsql VOLATILE AS $claim$
#variable_conflict use_column
DECLARE
  v_now timestamptz := date_trunc('milliseconds', coalesce(p_now, now()));
  v_lease timestamptz := CASE WHEN p_status = 'running' THEN v_now + p_lease_ms * interval '1 millisecond' END;
  v_abandoned json;
  v_holder json;
  v_holder_id text;
  v_holder_status text;
  v_holder_lease timestamptz;
BEGIN
  FOR attempt IN 1..3 LOOP
    INSERT INTO ${t.runs} (
      id, job, scheduled_for, claim_key, run_trigger, status, reason,
      created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
    )
    VALUES (
      p_id, p_job, p_scheduled_for, p_claim_key, p_trigger, p_status, p_reason, v_now, p_instance_id, v_lease,
      CASE WHEN v_lease IS NOT NULL THEN v_now END,
      CASE WHEN v_lease IS NULL THEN v_now END
    )
    ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING;
    IF FOUND THEN
      RETURN json_build_object('now', v_now, 'lease', v_lease, 'abandoned', v_abandoned);
    END IF;
    -- held: a new statement sees the holder even if it committed while the insert waited on it
    SELECT row_to_json(h), h.id, h.status, h.lease_expires_at
      INTO v_holder, v_holder_id, v_holder_status, v_holder_lease
      FROM ${t.runs} h WHERE h.job = p_job AND h.claim_key = p_claim_key AND h.status <> 'abandoned';
    CONTINUE WHEN NOT FOUND; -- abandoned or pruned meanwhile: insert again
    IF v_holder_status <> 'running' OR v_holder_lease > v_now THEN
      RETURN json_build_object('holder', v_holder);
    END IF;
    UPDATE ${t.runs} u SET status = 'abandoned', reason = p_abandon_reason, finished_at = v_now
    WHERE u.id = v_holder_id AND u.status = 'running' AND u.lease_expires_at <= v_now
    RETURNING row_to_json(u) INTO v_abandoned;
  END LOOP;
  RETURN NULL;
END
$claim$`;
