import { JobCancelledError, JobTimeoutError } from '../core/errors.js';

/** How one attempt ended. @internal */
export interface AttemptsOutcome {
  status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  result?: unknown;
  error?: Error;
}

/** The outcome of an attempt that threw `error` (or was stopped with it). @internal */
export function failedOutcome(error: Error, runSignal: AbortSignal): AttemptsOutcome {
  const status = classify(error, runSignal);
  return { status, error: status === 'cancelled' ? asCancellation(error, runSignal) : error };
}

function classify(error: Error, runSignal: AbortSignal): AttemptsOutcome['status'] {
  if (runSignal.aborted || error instanceof JobCancelledError) return 'cancelled';
  if (error instanceof JobTimeoutError) return 'timed_out';
  return 'failed';
}

/**
 * The error a cancelled attempt is recorded with: the run's `JobCancelledError`
 * (shutdown, replaced, user...), with the job's own error (an `AbortError` from
 * `fetch`, say) kept as its cause, so a run is recorded the same whether the job
 * honoured its signal or ignored it.
 */
function asCancellation(error: Error, runSignal: AbortSignal): Error {
  if (error instanceof JobCancelledError) return error;
  const reason: unknown = runSignal.reason;
  if (!(reason instanceof JobCancelledError)) return error;
  return new JobCancelledError(reason.reason, reason.message, { cause: error });
}
