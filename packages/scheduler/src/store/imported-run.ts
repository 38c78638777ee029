import type { ImportedRun, RunAttempt, RunRecord } from './run-types.js';

/** The single attempt an imported run is kept with. */
export function importedAttempt(run: ImportedRun): RunAttempt {
  const attempt: RunAttempt = {
    attempt: 1,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    status: run.status,
  };
  if (run.error !== undefined) attempt.error = run.error;
  return attempt;
}

/** The history record of an imported run, recorded at `createdAt` (store time). */
export function importedRecord(run: ImportedRun, createdAt: Date): RunRecord {
  const record: RunRecord = {
    id: run.id,
    job: run.job,
    scheduledFor: new Date(run.scheduledFor),
    claimKey: run.claimKey,
    trigger: 'schedule',
    status: run.status,
    attempts: [importedAttempt(run)],
    createdAt,
    startedAt: new Date(run.startedAt),
    finishedAt: new Date(run.finishedAt),
    durationMs: run.finishedAt.getTime() - run.startedAt.getTime(),
    instanceId: run.instanceId,
  };
  if (run.result !== undefined) record.result = run.result;
  if (run.error !== undefined) record.error = run.error;
  return record;
}
