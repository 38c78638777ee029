import { toJsonText } from '../json.js';
import { attemptJson } from '../row-json.js';
import type { FinishRequest, RunAttempt, RunRecord } from '../types.js';
import { type SqliteRunRow, toRun } from './rows.js';
import type { Sql, SqliteSession } from './session.js';

/** Appends one finished attempt to a running run owned by `instance_id`. */
const APPEND_ATTEMPT: Sql = {
  key: 'appendAttempt',
  build: (t) => `
UPDATE ${t.runs}
SET attempts = json_insert(attempts, '$[#]', json(@attempt)),
    started_at = coalesce(started_at, @startedAt)
WHERE id = @id AND status = 'running' AND instance_id = @instanceId`,
};

/** Renews the lease of a running run owned by `instance_id`, storing progress when given. */
const HEARTBEAT: Sql = {
  key: 'heartbeat',
  build: (t) => `
UPDATE ${t.runs}
SET heartbeat_at = @now, lease_expires_at = @now + @leaseMs, progress = coalesce(@progress, progress)
WHERE id = @id AND status = 'running' AND instance_id = @instanceId`,
};

/** Writes the final state of a running run owned by `instance_id`. */
const FINISH_RUN: Sql = {
  key: 'finishRun',
  build: (t) => `
UPDATE ${t.runs}
SET status = @status,
    finished_at = @finishedAt,
    duration_ms = @finishedAt - started_at,
    result = @result,
    error = @error,
    reason = coalesce(@reason, reason)
WHERE id = @id AND status = 'running' AND instance_id = @instanceId`,
};

/** Running runs in slot order. */
const SELECT_RUNNING: Sql = {
  key: 'selectRunning',
  build: (t) => `SELECT * FROM ${t.runs} WHERE status = 'running' ORDER BY scheduled_for, id`,
};

/** Running runs of one job in slot order. */
const SELECT_RUNNING_OF_JOB: Sql = {
  key: 'selectRunningOfJob',
  build: (t) => `SELECT * FROM ${t.runs} WHERE status = 'running' AND job = @job ORDER BY scheduled_for, id`,
};

/** Records a finished attempt; `false` when the run is no longer this instance's running run. */
export function recordAttempt(s: SqliteSession, runId: string, instanceId: string, attempt: RunAttempt): boolean {
  const params = { id: runId, instanceId, attempt: attemptJson(attempt), startedAt: attempt.startedAt.getTime() };
  return s.stmt(APPEND_ATTEMPT).run(params).changes === 1;
}

/** Renews a run's lease; `false` when the run is no longer this instance's running run. */
export function heartbeat(
  s: SqliteSession,
  runId: string,
  instanceId: string,
  leaseMs: number,
  progress?: unknown,
): boolean {
  const params = {
    id: runId,
    instanceId,
    now: s.nowMs(),
    leaseMs,
    progress: toJsonText(progress, `Progress of run ${runId}`),
  };
  return s.stmt(HEARTBEAT).run(params).changes === 1;
}

/** Records a run's outcome; `false` when the run is no longer this instance's running run. */
export function finishRun(s: SqliteSession, runId: string, request: FinishRequest): boolean {
  const params = {
    id: runId,
    instanceId: request.instanceId,
    status: request.status,
    finishedAt: request.finishedAt.getTime(),
    result: toJsonText(request.result, `The result of run ${runId}`),
    error: toJsonText(request.error),
    reason: request.reason ?? null,
  };
  return s.stmt(FINISH_RUN).run(params).changes === 1;
}

/** Running runs in slot order, of every job or of `job`. */
export function listRunning(s: SqliteSession, job?: string): RunRecord[] {
  const rows = job === undefined ? s.stmt(SELECT_RUNNING).all() : s.stmt(SELECT_RUNNING_OF_JOB).all({ job });
  return (rows as SqliteRunRow[]).map(toRun);
}
