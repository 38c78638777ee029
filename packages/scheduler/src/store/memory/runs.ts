import { jsonClone } from '../json.js';
import { cloneRun, compareRunsNewestFirst } from '../run-record.js';
import type { FinishRequest, RunAttempt, RunRecord } from '../types.js';
import { type MemoryTables, nowOf, runChanged } from './tables.js';

/** Appends an attempt to a run `instanceId` still owns; false if it does not. */
export function recordAttempt(t: MemoryTables, runId: string, instanceId: string, attempt: RunAttempt): boolean {
  const run = owned(t, runId, instanceId);
  if (!run) return false;
  run.attempts.push(jsonAttempt(attempt));
  run.startedAt ??= new Date(attempt.startedAt);
  return true;
}

/** Extends the lease of a run `instanceId` still owns by `leaseMs` and records `progress`; false if it does not. */
export function heartbeat(
  t: MemoryTables,
  runId: string,
  instanceId: string,
  leaseMs: number,
  progress?: unknown,
): boolean {
  const run = owned(t, runId, instanceId);
  if (!run) return false;
  const stored = jsonClone(progress, `Progress of run ${runId}`);
  const now = nowOf(t);
  run.heartbeatAt = now;
  run.leaseExpiresAt = new Date(now.getTime() + leaseMs);
  if (stored !== undefined) run.progress = stored;
  return true;
}

/** Records the final status of a run its instance still owns; false if it does not. */
export function finishRun(t: MemoryTables, runId: string, request: FinishRequest): boolean {
  const run = owned(t, runId, request.instanceId);
  if (!run) return false;
  const result = jsonClone(request.result, `The result of run ${runId}`);
  const error = jsonClone(request.error, `The error of run ${runId}`);
  run.status = request.status;
  t.running.delete(run.id);
  run.finishedAt = new Date(request.finishedAt);
  if (run.startedAt) run.durationMs = run.finishedAt.getTime() - run.startedAt.getTime();
  if (result !== undefined) run.result = result;
  if (error !== undefined) run.error = error;
  if (request.reason !== undefined) run.reason = request.reason;
  runChanged(t, run);
  return true;
}

/** The runs in progress (of `job`, if given), oldest first. */
export function listRunning(t: MemoryTables, job?: string): RunRecord[] {
  return [...t.running.values()]
    .filter((run) => job === undefined || run.job === job)
    .sort((a, b) => compareRunsNewestFirst(b, a))
    .map(cloneRun);
}

/** The run, if it is running and owned by `instanceId`. */
function owned(t: MemoryTables, runId: string, instanceId: string): RunRecord | undefined {
  const run = t.runs.get(runId);
  return run && run.status === 'running' && run.instanceId === instanceId ? run : undefined;
}

function jsonAttempt(attempt: RunAttempt): RunAttempt {
  const copy: RunAttempt = {
    attempt: attempt.attempt,
    startedAt: new Date(attempt.startedAt),
    finishedAt: new Date(attempt.finishedAt),
    status: attempt.status,
  };
  if (attempt.error !== undefined) copy.error = jsonClone(attempt.error);
  if (attempt.killed) copy.killed = true;
  return copy;
}
