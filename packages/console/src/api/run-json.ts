/** Run records as the API returns them: ISO times, lateness, attempts with their durations. */
import type { RunRecord, SerializedError } from '@pokemon/scheduler';

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

/** An error without its `cause` chain (stack kept: operators need it; it names no secret the job did not put there). */
function errorJson(error: SerializedError | undefined) {
  if (!error) return undefined;
  const { name, code, message, stack, data } = error;
  return {
    name,
    message,
    ...(code === undefined ? {} : { code }),
    ...(stack === undefined ? {} : { stack }),
    ...(data === undefined ? {} : { data }),
  };
}

function defined<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

/** A run in a list. */
export function runSummary(run: RunRecord) {
  return defined({
    id: run.id,
    job: run.job,
    scheduledFor: run.scheduledFor.toISOString(),
    trigger: run.trigger,
    status: run.status,
    reason: run.reason,
    attemptCount: run.attempts.length,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    durationMs: run.durationMs,
    latenessMs: run.startedAt ? Math.max(0, run.startedAt.getTime() - run.scheduledFor.getTime()) : undefined,
    instanceId: run.instanceId,
    error: errorJson(run.error),
  });
}

/** One run with every attempt. */
export function runDetail(run: RunRecord) {
  return defined({
    ...runSummary(run),
    claimKey: run.claimKey,
    createdAt: run.createdAt.toISOString(),
    attempts: run.attempts.map((attempt) =>
      defined({
        attempt: attempt.attempt,
        startedAt: attempt.startedAt.toISOString(),
        finishedAt: attempt.finishedAt.toISOString(),
        status: attempt.status,
        durationMs: attempt.finishedAt.getTime() - attempt.startedAt.getTime(),
        error: errorJson(attempt.error),
      }),
    ),
    result: run.result,
    progress: run.progress,
    heartbeatAt: iso(run.heartbeatAt),
    leaseExpiresAt: iso(run.leaseExpiresAt),
  });
}
