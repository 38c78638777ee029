import { importedRecord } from '../imported-run.js';
import { toJsonText } from '../json.js';
import type { ImportedRun, RunRecord } from '../types.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression } from './tables.js';

/** Runs per statement: one round trip each, arrays well under the protocol's limits. */
const BATCH = 10_000;

/**
 * Inserts finished runs from parallel arrays, each unless a live run holds its claim key; the
 * one attempt is built here from the run's own columns, as `attemptJson` writes it ($1 now or
 * NULL, $2 ids, $3 jobs, $4 slots, $5 claim keys, $6 statuses, $7 results JSON, $8 errors JSON,
 * $9 starts, $10 ends (ISO text), $11 instance ids). One row back: the new ids and their time.
 */
const IMPORT_RUNS: Sql = {
  key: 'importRuns',
  build: (t) => `
WITH inserted AS (
INSERT INTO ${t.runs} (
  id, job, scheduled_for, claim_key, run_trigger, status, attempts, result, error,
  created_at, started_at, finished_at, duration_ms, instance_id
)
SELECT r.id, r.job, r.slot::timestamptz, r.claim_key, 'schedule', r.status,
  jsonb_build_array(jsonb_build_object('attempt', 1, 'startedAt', r.started, 'finishedAt', r.finished, 'status', r.status)
    || CASE WHEN r.error IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('error', r.error::jsonb) END),
  r.result::jsonb, r.error::jsonb, clock.now, r.started::timestamptz, r.finished::timestamptz,
  round(extract(epoch FROM (r.finished::timestamptz - r.started::timestamptz)) * 1000)::bigint, r.instance_id
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
  $10::text[], $11::text[])
  AS r(id, job, slot, claim_key, status, result, error, started, finished, instance_id),
  (SELECT ${nowExpression('$1')} AS now) clock
ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
RETURNING id, created_at)
SELECT coalesce(array_agg(id), '{}') AS ids, min(created_at) AS created_at FROM inserted`,
};

/** Inserts the runs in batches of {@link BATCH}; returns the ones that were not there yet. Times travel as ISO text (cheaper for pg than Date arrays). */
export async function importRuns(s: PgSession, runs: readonly ImportedRun[]): Promise<RunRecord[]> {
  const inserted: RunRecord[] = [];
  for (let start = 0; start < runs.length; start += BATCH) {
    const batch = runs.slice(start, start + BATCH);
    // One row back (the new ids, the insert time) rather than a row per run.
    const [row] = await s.rows<{ ids: string[]; created_at: Date | null }>(IMPORT_RUNS, [
      s.nowParam(),
      ...columns(batch),
    ]);
    if (!row?.created_at || row.ids.length === 0) continue;
    const byId = new Map(batch.map((run) => [run.id, run]));
    for (const id of row.ids) inserted.push(importedRecord(byId.get(id) as ImportedRun, row.created_at));
  }
  return inserted;
}

function columns(batch: readonly ImportedRun[]): unknown[][] {
  return [
    batch.map((run) => run.id),
    batch.map((run) => run.job),
    batch.map((run) => run.scheduledFor.toISOString()),
    batch.map((run) => run.claimKey),
    batch.map((run) => run.status),
    batch.map((run) => toJsonText(run.result, `The result of run ${run.id}`)),
    batch.map((run) => toJsonText(run.error)),
    batch.map((run) => run.startedAt.toISOString()),
    batch.map((run) => run.finishedAt.toISOString()),
    batch.map((run) => run.instanceId),
  ];
}
