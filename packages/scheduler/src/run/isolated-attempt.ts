import { setCappedTimeout } from '../core/capped-timer.js';
import { JobTimeoutError } from '../core/errors.js';
import { runInWorker, type WorkerOutcome } from '../isolation/run-in-worker.js';
import type { JobContext, JobIsolation } from '../job/types.js';
import { type AttemptsOutcome, failedOutcome } from './attempt-outcome.js';
import type { Runtime } from './runtime.js';

/** What an isolated attempt runs with. @internal */
export interface IsolatedAttemptInput {
  isolation: JobIsolation;
  job: string;
  timeoutMs: number;
  /** The run's signal (shutdown, replaced, lease lost, user). */
  runSignal: AbortSignal;
  /** Kills the worker at once. */
  kill: AbortSignal;
  /** The attempt's context, given the signal the job sees. */
  context(signal: AbortSignal): JobContext;
}

/**
 * One attempt of an isolated job: unlike an attempt in the scheduler's thread, it ends when the
 * worker has ended, at most `killGraceMs` after its signal was aborted, so the concurrency place
 * is held until the work is really gone. At `timeoutMs` the attempt is `timed_out` (the job's
 * own error, or the kill, as the cause); a run cancelled meanwhile is `cancelled`.
 *
 * @internal
 */
export async function isolatedAttempt(
  rt: Runtime,
  input: IsolatedAttemptInput,
): Promise<{ outcome: AttemptsOutcome; killed: boolean }> {
  const timeout = new AbortController();
  const onTimeout = (): void => timeout.abort(new JobTimeoutError(input.timeoutMs, input.job));
  // unref: a stop that gave up on the run must not be held by its time limit.
  const cancelTimer = setCappedTimeout(rt.clock, onTimeout, input.timeoutMs, true);
  const signal = AbortSignal.any([timeout.signal, input.runSignal]);
  try {
    const ended = await runInWorker({
      isolation: input.isolation,
      ctx: input.context(signal),
      clock: rt.clock,
      kill: input.kill,
    });
    return { outcome: outcomeOf(ended, input, timeout.signal), killed: ended.killed };
  } finally {
    cancelTimer();
  }
}

function outcomeOf(ended: WorkerOutcome, input: IsolatedAttemptInput, timeout: AbortSignal): AttemptsOutcome {
  if (timeout.aborted && !input.runSignal.aborted) {
    const cause = ended.ok ? undefined : ended.error;
    return {
      status: 'timed_out',
      error: new JobTimeoutError(input.timeoutMs, input.job, cause ? { cause } : undefined),
    };
  }
  // As in the scheduler's thread, a job that returns after a cancellation has succeeded.
  return ended.ok ? { status: 'succeeded', result: ended.result } : failedOutcome(ended.error, input.runSignal);
}
