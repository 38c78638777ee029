import { importedRecord } from '../imported-run.js';
import { toJsonText } from '../json.js';
import type { ImportedRun, RunRecord } from '../types.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression } from './tables.js';

/** Runs per statement: one round trip each, arrays well under the protocol's limits. */
const BATCH = 10_000;

/**
 * Inserts finished runs from one JSON array of records ($2, see `records`), each unless a live
 * run holds its claim key; the one attempt is built here from the run's own columns, as
 * `attemptJson` writes it ($1 now or NULL). One row back: the new ids and their time.
 */
const IMPORT_RUNS: Sql = {
  key: 'importRuns',
  build: (t) => `
WITH inserted AS (
INSERT INTO ${t.runs} (
  id, job, scheduled_for, claim_key, run_trigger, status, attempts, result, error,
  created_at, started_at, finished_at, duration_ms, instance_id
)
SELECT r.i, r.j, r.s::timestamptz, r.k, 'schedule', r.st,
  jsonb_build_array(jsonb_build_object('attempt', 1, 'startedAt', r.a, 'finishedAt', r.b, 'status', r.st)
    || CASE WHEN r.e IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('error', r.e) END),
  r.r, r.e, clock.now, r.a::timestamptz, r.b::timestamptz,
  round(extract(epoch FROM (r.b::timestamptz - r.a::timestamptz)) * 1000)::bigint, r.n
FROM json_to_recordset($2::json) AS r(i text, j text, s text, k text, st text, r jsonb, e jsonb, a text, b text, n text),
  (SELECT ${nowExpression('$1')} AS now) clock
ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
RETURNING id, created_at)
SELECT coalesce(array_agg(id), '{}') AS ids, min(created_at) AS created_at FROM inserted`,
};

/** Inserts the runs in batches of {@link BATCH}; returns the ones that were not there yet. */
export async function importRuns(s: PgSession, runs: readonly ImportedRun[]): Promise<RunRecord[]> {
  const inserted: RunRecord[] = [];
  for (let start = 0; start < runs.length; start += BATCH) {
    const batch = runs.slice(start, start + BATCH);
    // One row back (the new ids, the insert time) rather than a row per run.
    const [row] = await s.rows<{ ids: string[]; created_at: Date | null }>(IMPORT_RUNS, [s.nowParam(), records(batch)]);
    if (!row?.created_at || row.ids.length === 0) continue;
    const byId = new Map(batch.map((run) => [run.id, run]));
    for (const id of row.ids) inserted.push(importedRecord(byId.get(id) as ImportedRun, row.created_at));
  }
  return inserted;
}

/** The batch as one JSON array of records (one parameter: `JSON.stringify` and the server's JSON parser are fast). */
function records(batch: readonly ImportedRun[]): string {
  return toJsonText(
    batch.map((run) => ({
      i: run.id,
      j: run.job,
      s: run.scheduledFor.toISOString(),
      k: run.claimKey,
      st: run.status,
      r: run.result,
      e: run.error,
      a: run.startedAt.toISOString(),
      b: run.finishedAt.toISOString(),
      n: run.instanceId,
    })),
    'Imported runs',
  ) as string;
}
