import type { PgTables } from '../tables.js';

/**
 * Version 3: drops `claim_run(...)` of version 2 (a claim is now one plain
 * statement, `claimRun`) and adds `live_run(job, claim_key)`: the live run
 * holding a claim key, read with a fresh snapshot (each statement of a
 * VOLATILE PL/pgSQL function takes one under READ COMMITTED, and its plan is
 * cached per connection), so a claim that waited for a concurrent winner
 * reports it from the same statement.
 */
export const migration003LiveRunFunction = (t: PgTables): string => `
DROP FUNCTION IF EXISTS ${t.quoted}.claim_run(
  timestamptz, text, text, timestamptz, text, text, text, text, text, double precision, text
);
CREATE FUNCTION ${t.quoted}.live_run(p_job text, p_claim_key text) RETURNS SETOF ${t.runs}
LANGUAGE plpgsql VOLATILE AS $live$
BEGIN
  RETURN QUERY SELECT * FROM ${t.runs} r WHERE r.job = p_job AND r.claim_key = p_claim_key AND r.status <> 'abandoned';
END
$live$`;
