import type { PgTables } from '../tables.js';

/**
 * Version 3: drops `claim_run(...)` of version 2 (a claim is now one plain
 * statement, `claimRun`) and adds `live_run(job, claim_key)`: the live run
 * holding a claim key, read with a fresh snapshot (a VOLATILE SQL function
 * takes one per call under READ COMMITTED), so a claim that waited for a
 * concurrent winner sees it within the same statement.
 */
export const migration003LiveRunFunction = (t: PgTables): string => `
DROP FUNCTION IF EXISTS ${t.quoted}.claim_run(
  timestamptz, text, text, timestamptz, text, text, text, text, text, double precision, text
);
CREATE FUNCTION ${t.quoted}.live_run(p_job text, p_claim_key text) RETURNS SETOF ${t.runs}
LANGUAGE sql VOLATILE AS $live$
  SELECT * FROM ${t.runs} WHERE job = p_job AND claim_key = p_claim_key AND status <> 'abandoned'
$live$`;
