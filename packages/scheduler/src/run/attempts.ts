import { backoffDelayMs } from '../core/backoff.js';
import { sleep } from '../core/capped-timer.js';
import { JobTimeoutError } from '../core/errors.js';
import { childLogger } from '../core/logger.js';
import { shouldRetry } from '../core/retryable.js';
import { serializeError, toError } from '../core/serialized-error.js';
import { dependencyRuns } from '../job/dependency-runs.js';
import type { JobContext } from '../job/types.js';
import { policyBackoff } from '../primitives/retry-policy.js';
import { withTimeout } from '../primitives/with-timeout.js';
import type { RunAttempt, RunRecord } from '../store/types.js';
import { type AttemptsOutcome, failedOutcome } from './attempt-outcome.js';
import { isolatedAttempt } from './isolated-attempt.js';
import type { AttemptHooks, RunHooks } from './observers.js';
import { progressHeartbeat } from './progress.js';
import type { JobEntry, Runtime } from './runtime.js';

export type { AttemptsOutcome };

/** What an attempt's context is built from. @internal */
interface AttemptInput {
  entry: JobEntry;
  run: RunRecord;
  signal: AbortSignal;
  heartbeat: (progress?: unknown) => Promise<void>;
  dependencies: ReadonlyMap<string, RunRecord>;
  /** The observers following this run. */
  observed: RunHooks;
  /** Aborts when an isolated job's worker must be killed at once (a stop past its grace period). */
  kill: AbortSignal;
}

/**
 * Runs the attempts of one run: each under `timeoutMs` (the attempt's signal
 * aborts with a `JobTimeoutError` and the attempt is recorded `timed_out` at
 * once, even if the job ignores its signal), retried per the job's policy with
 * backoff waited on the clock (abortable), every attempt recorded in the store.
 * A non-retryable error (`NonRetryableError`, `nonRetryable(error)`), `retryIf`
 * returning false, or an aborted run stop at once.
 *
 * @internal
 */
export async function runAttempts(rt: Runtime, input: AttemptInput): Promise<AttemptsOutcome> {
  const { def } = input.entry;
  const policy = def.retry;
  for (let attempt = 1; ; attempt++) {
    const outcome = await runOneAttempt(rt, input, attempt);
    if (outcome.status === 'succeeded' || outcome.status === 'cancelled') return outcome;
    const error = outcome.error!;
    if (attempt >= policy.attempts || !shouldRetry(def.retry.retryIf, error, attempt)) return outcome;
    const delayMs = backoffDelayMs(attempt, policyBackoff(policy));
    rt.emitter.emit('run:retry-scheduled', { ...eventBase(input.run), attempt, delayMs, error: serializeError(error) });
    try {
      await sleep(rt.clock, delayMs, { signal: input.signal });
    } catch (reason) {
      return { status: 'cancelled', error: toError(reason) };
    }
  }
}

async function runOneAttempt(rt: Runtime, input: AttemptInput, attempt: number): Promise<AttemptsOutcome> {
  const { entry, run } = input;
  const startedMs = rt.nowMs();
  const latenessMs = Math.max(0, startedMs - run.scheduledFor.getTime());
  rt.emitter.emit('run:started', { ...eventBase(run), attempt, latenessMs });
  const observed = input.observed.attemptStarted({ attempt, startedAt: new Date(startedMs), latenessMs });
  const context = (signal: AbortSignal): JobContext => makeContext(rt, input, signal, attempt, latenessMs);
  const { isolation, name, timeoutMs } = entry.def;
  const { outcome, killed } = isolation
    ? await observed.wrap(() =>
        isolatedAttempt(rt, { isolation, job: name, timeoutMs, runSignal: input.signal, kill: input.kill, context }),
      )
    : { outcome: await inProcessAttempt(rt, input, context, observed), killed: false };
  const record: RunAttempt = {
    attempt,
    startedAt: new Date(startedMs),
    finishedAt: new Date(rt.nowMs()),
    status: outcome.status,
    ...(outcome.error ? { error: serializeError(outcome.error) } : {}),
    ...(killed ? { killed } : {}),
  };
  await recordAttempt(rt, run, record);
  observed.ended(record);
  return outcome;
}

/** An attempt in the scheduler's thread: recorded `timed_out` at its time limit, even if the job ignores its signal. */
async function inProcessAttempt(
  rt: Runtime,
  input: AttemptInput,
  context: (signal: AbortSignal) => JobContext,
  observed: AttemptHooks,
): Promise<AttemptsOutcome> {
  const { def } = input.entry;
  try {
    // The run's signal (shutdown, replaced, lease lost) reaches the job through ctx.signal but
    // is not given to withTimeout: a cancelled attempt ends when the job has stopped (or at its
    // timeout), so `stop()` and `cancel-other` really wait for it.
    const result = await withTimeout(
      (timeoutSignal) => {
        const signal = AbortSignal.any([timeoutSignal, input.signal]);
        const ctx = context(signal);
        return Promise.resolve().then(() => observed.wrap(() => def.run(ctx)));
      },
      def.timeoutMs,
      // unref: after stop() gives up on a job that ignores its signal, its time limit must not hold the process.
      { clock: rt.clock, reason: () => new JobTimeoutError(def.timeoutMs, def.name), unref: true },
    );
    return { status: 'succeeded', result };
  } catch (thrown) {
    return failedOutcome(toError(thrown), input.signal);
  }
}

async function recordAttempt(rt: Runtime, run: RunRecord, attempt: RunAttempt): Promise<void> {
  try {
    const owned = await rt.store.recordAttempt(run.id, rt.instanceId, attempt);
    if (!owned) rt.logger.warn('Attempt not recorded: this instance no longer owns the run', { runId: run.id });
  } catch (error) {
    rt.reportError('recordAttempt', error, 0);
  }
}

function makeContext(
  rt: Runtime,
  input: AttemptInput,
  signal: AbortSignal,
  attempt: number,
  latenessMs: number,
): JobContext {
  const { run } = input;
  return {
    signal,
    runId: run.id,
    job: run.job,
    attempt,
    scheduledFor: new Date(run.scheduledFor.getTime()),
    latenessMs,
    trigger: run.trigger,
    now: () => rt.nowMs(),
    logger: childLogger(rt.logger, { job: run.job, runId: run.id, attempt }),
    heartbeat: progressHeartbeat(rt, run, attempt, input.heartbeat),
    dependencies: dependencyRuns(input.dependencies),
  };
}

/** The fields every run event carries. @internal */
export function eventBase(run: RunRecord): {
  job: string;
  runId: string;
  scheduledFor: Date;
  trigger: RunRecord['trigger'];
} {
  return { job: run.job, runId: run.id, scheduledFor: run.scheduledFor, trigger: run.trigger };
}
