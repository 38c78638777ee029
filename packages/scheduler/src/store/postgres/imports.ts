import { importedAttempt, importedRecord } from '../imported-run.js';
import { toJsonText } from '../json.js';
import { attemptJson } from '../row-json.js';
import type { ImportedRun, RunRecord } from '../types.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression } from './tables.js';

/** Runs per statement: one round trip each, arrays well under the protocol's limits. */
const BATCH = 5_000;

/**
 * Inserts finished runs from parallel arrays, each unless a live run holds its claim key
 * ($1 now or NULL, $2 ids, $3 jobs, $4 slots, $5 claim keys, $6 statuses, $7 attempts JSON,
 * $8 results JSON, $9 errors JSON, $10 starts, $11 ends, $12 instance ids).
 */
const IMPORT_RUNS: Sql = {
  key: 'importRuns',
  build: (t) => `
INSERT INTO ${t.runs} (
  id, job, scheduled_for, claim_key, run_trigger, status, attempts, result, error,
  created_at, started_at, finished_at, duration_ms, instance_id
)
SELECT r.id, r.job, r.slot, r.claim_key, 'schedule', r.status, jsonb_build_array(r.attempt::jsonb), r.result::jsonb,
  r.error::jsonb, clock.now, r.started_at, r.finished_at,
  round(extract(epoch FROM (r.finished_at - r.started_at)) * 1000)::bigint, r.instance_id
FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
  $10::timestamptz[], $11::timestamptz[], $12::text[])
  AS r(id, job, slot, claim_key, status, attempt, result, error, started_at, finished_at, instance_id),
  (SELECT ${nowExpression('$1')} AS now) clock
ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
RETURNING id, created_at`,
};

/** Inserts the runs in batches of {@link BATCH}; returns the ones that were not there yet. */
export async function importRuns(s: PgSession, runs: readonly ImportedRun[]): Promise<RunRecord[]> {
  const inserted: RunRecord[] = [];
  for (let start = 0; start < runs.length; start += BATCH) {
    const batch = runs.slice(start, start + BATCH);
    const rows = await s.rows<{ id: string; created_at: Date }>(IMPORT_RUNS, [s.nowParam(), ...columns(batch)]);
    const byId = new Map(batch.map((run) => [run.id, run]));
    for (const row of rows) inserted.push(importedRecord(byId.get(row.id) as ImportedRun, row.created_at));
  }
  return inserted;
}

function columns(batch: readonly ImportedRun[]): unknown[][] {
  return [
    batch.map((run) => run.id),
    batch.map((run) => run.job),
    batch.map((run) => run.scheduledFor),
    batch.map((run) => run.claimKey),
    batch.map((run) => run.status),
    batch.map((run) => attemptJson(importedAttempt(run))),
    batch.map((run) => toJsonText(run.result, `The result of run ${run.id}`)),
    batch.map((run) => toJsonText(run.error)),
    batch.map((run) => run.startedAt),
    batch.map((run) => run.finishedAt),
    batch.map((run) => run.instanceId),
  ];
}
