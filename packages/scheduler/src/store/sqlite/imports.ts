import { importedAttempt, importedRecord } from '../imported-run.js';
import { toJsonText } from '../json.js';
import { attemptJson } from '../row-json.js';
import type { ImportedRun, RunRecord } from '../types.js';
import type { Sql, SqliteSession } from './session.js';

/** Inserts one finished run unless a live run of its job holds its claim key. */
const IMPORT_RUN: Sql = {
  key: 'importRun',
  build: (t) => `
INSERT INTO ${t.runs} (
  id, job, scheduled_for, claim_key, run_trigger, status, attempts, result, error,
  created_at, started_at, finished_at, duration_ms, instance_id
) VALUES (
  @id, @job, @scheduledFor, @claimKey, 'schedule', @status, json_array(json(@attempt)), @result, @error,
  @now, @startedAt, @finishedAt, @finishedAt - @startedAt, @instanceId
)
ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING`,
};

/** Inserts the runs in one write transaction; returns the ones that were not there yet. */
export function importRuns(s: SqliteSession, runs: readonly ImportedRun[]): RunRecord[] {
  return s.immediate(() => {
    const now = s.nowMs();
    const statement = s.stmt(IMPORT_RUN);
    const inserted: RunRecord[] = [];
    for (const run of runs) {
      const changes = statement.run({
        id: run.id,
        job: run.job,
        scheduledFor: run.scheduledFor.getTime(),
        claimKey: run.claimKey,
        status: run.status,
        attempt: attemptJson(importedAttempt(run)),
        result: toJsonText(run.result, `The result of run ${run.id}`),
        error: toJsonText(run.error),
        now,
        startedAt: run.startedAt.getTime(),
        finishedAt: run.finishedAt.getTime(),
        instanceId: run.instanceId,
      }).changes;
      if (changes > 0) inserted.push(importedRecord(run, new Date(now)));
    }
    return inserted;
  });
}
