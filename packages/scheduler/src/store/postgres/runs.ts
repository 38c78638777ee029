import { toJsonText } from '../json.js';
import { attemptJson } from '../row-json.js';
import type { FinishRequest, RunAttempt, RunRecord } from '../types.js';
import { type PgRunRow, toRun } from './rows.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression, runNotifyPayload } from './tables.js';

/** Appends one finished attempt to a running run owned by the instance ($1 id, $2 instance, $3 attempt JSON, $4 started_at). */
const APPEND_ATTEMPT: Sql = {
  key: 'appendAttempt',
  build: (t) => `
UPDATE ${t.runs}
SET attempts = attempts || jsonb_build_array($3::jsonb), started_at = coalesce(started_at, $4)
WHERE id = $1 AND status = 'running' AND instance_id = $2`,
};

/** Renews the lease of a running run owned by the instance ($1 id, $2 instance, $3 now or NULL, $4 lease ms, $5 progress JSON or NULL). */
const HEARTBEAT: Sql = {
  key: 'heartbeat',
  build: (t) => `
UPDATE ${t.runs} r
SET heartbeat_at = clock.now,
    lease_expires_at = clock.now + $4 * interval '1 millisecond',
    progress = coalesce($5::jsonb, r.progress)
FROM (SELECT ${nowExpression('$3')} AS now) clock
WHERE r.id = $1 AND r.status = 'running' AND r.instance_id = $2`,
};

/** Writes the final state of a running run owned by the instance ($1 id, $2 instance, $3 status, $4 finished_at, $5 result, $6 error, $7 reason). */
const FINISH_RUN: Sql = {
  key: 'finishRun',
  build: (t) => `
WITH finished AS (
  UPDATE ${t.runs}
  SET status = $3,
      finished_at = $4,
      duration_ms = round(extract(epoch FROM ($4::timestamptz - started_at)) * 1000)::bigint,
      result = $5::jsonb,
      error = $6::jsonb,
      reason = coalesce($7, reason)
  WHERE id = $1 AND status = 'running' AND instance_id = $2
  RETURNING job, id, status, lease_expires_at
)
SELECT pg_notify('${t.runChannel}', ${runNotifyPayload('finished')}) FROM finished`,
};

/** Running runs in slot order. */
const SELECT_RUNNING: Sql = {
  key: 'selectRunning',
  build: (t) => `SELECT * FROM ${t.runs} WHERE status = 'running' ORDER BY scheduled_for, id`,
};

/** Running runs of one job ($1) in slot order. */
const SELECT_RUNNING_OF_JOB: Sql = {
  key: 'selectRunningOfJob',
  build: (t) => `SELECT * FROM ${t.runs} WHERE status = 'running' AND job = $1 ORDER BY scheduled_for, id`,
};

/** Records a finished attempt; `false` when the run is no longer this instance's running run. */
export async function recordAttempt(
  s: PgSession,
  runId: string,
  instanceId: string,
  attempt: RunAttempt,
): Promise<boolean> {
  return (await s.run(APPEND_ATTEMPT, [runId, instanceId, attemptJson(attempt), attempt.startedAt])) === 1;
}

/** Renews a run's lease; `false` when the run is no longer this instance's running run. */
export async function heartbeat(
  s: PgSession,
  runId: string,
  instanceId: string,
  leaseMs: number,
  progress?: unknown,
): Promise<boolean> {
  const values = [runId, instanceId, s.nowParam(), leaseMs, toJsonText(progress, `Progress of run ${runId}`)];
  return (await s.run(HEARTBEAT, values)) === 1;
}

/** Records a run's outcome; `false` when the run is no longer this instance's running run. */
export async function finishRun(s: PgSession, runId: string, request: FinishRequest): Promise<boolean> {
  const values = [
    runId,
    request.instanceId,
    request.status,
    request.finishedAt,
    toJsonText(request.result, `The result of run ${runId}`),
    toJsonText(request.error),
    request.reason ?? null,
  ];
  // One row when the run was finished; the statement also notifies the run channel (at commit).
  return (await s.rows(FINISH_RUN, values)).length === 1;
}

/** Running runs in slot order, of every job or of `job`. */
export async function listRunning(s: PgSession, job?: string): Promise<RunRecord[]> {
  const rows =
    job === undefined ? await s.rows<PgRunRow>(SELECT_RUNNING) : await s.rows<PgRunRow>(SELECT_RUNNING_OF_JOB, [job]);
  return rows.map(toRun);
}
