/** The errors a run ends with: time limits, cancellation, crashes of an isolated job, and a failure not to retry. */
import { SchedulerError, type SchedulerErrorCode } from './scheduler-error.js';

/**
 * An operation ran past its time limit: what `withTimeout()` rejects with
 * (and aborts its signal with) by default. {@link JobTimeoutError} extends it.
 */
export class TimeoutError extends SchedulerError {
  /** The limit that was exceeded, ms. */
  readonly timeoutMs: number;

  /**
   * @param timeoutMs - the limit, ms
   * @param message - what timed out @default `Operation timed out after <timeoutMs> ms.`
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(timeoutMs: number, message?: string, options?: ErrorOptions) {
    super('TIMEOUT', message ?? `Operation timed out after ${timeoutMs} ms.`, options);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * An attempt of a job ran past its `timeoutMs`. Used as the abort reason of
 * `ctx.signal`; an `instanceof TimeoutError` check matches it too.
 */
export class JobTimeoutError extends TimeoutError {
  /**
   * @param timeoutMs - the limit, ms
   * @param job - the job, for the message
   * @param options - standard `ErrorOptions`: `cause`, e.g. why an isolated job's worker was terminated
   */
  constructor(timeoutMs: number, job?: string, options?: ErrorOptions) {
    super(timeoutMs, `${job ? `Job "${job}"` : 'Operation'} timed out after ${timeoutMs} ms.`, options);
    this.name = 'JobTimeoutError';
    (this as { code: SchedulerErrorCode }).code = 'JOB_TIMEOUT';
  }
}

/** Why a run was cancelled. */
export type CancelReason = 'shutdown' | 'replaced' | 'lease-lost' | 'user';

/**
 * A run was cancelled: the scheduler is stopping (`shutdown`), a newer run
 * replaced it (`cancel-other` overlap), its lease was taken over
 * (`lease-lost`), or its caller aborted it (`user`). Used as the abort reason
 * of `ctx.signal`.
 */
export class JobCancelledError extends SchedulerError {
  /** Why. */
  readonly reason: CancelReason;

  /**
   * @param reason - why the run was cancelled
   * @param message - optional detail
   * @param options - standard `ErrorOptions`: `cause`, the job's own error when it stopped with one
   */
  constructor(reason: CancelReason, message?: string, options?: ErrorOptions) {
    super('JOB_CANCELLED', message ?? `Run cancelled (${reason}).`, options);
    this.name = 'JobCancelledError';
    this.reason = reason;
  }
}

/** How an isolated job's worker ended without returning: see {@link JobCrashedError}. */
export interface WorkerExit {
  /** `thread` or `process`. */
  mode: 'thread' | 'process';
  /** The exit code, when it exited with one. */
  exitCode: number | null;
  /** The signal that ended the process (`SIGKILL`, `SIGABRT`...), when one did. */
  signal: string | null;
  /** `out-of-memory` (past `memoryLimitMb`), `exit` (the job's code called `process.exit`), `crash` (an uncaught error or a fatal signal) or `killed` (terminated by the scheduler). */
  reason: 'out-of-memory' | 'exit' | 'crash' | 'killed';
}

/**
 * The worker thread or child process of an isolated job ended without a
 * result: it ran out of memory, exited, crashed, or was killed. `data` holds the
 * {@link WorkerExit} (kept in run history with the error); the attempt is
 * failed (or timed out / cancelled when the scheduler killed it) and retried
 * per the job's policy. The scheduler's own process is never affected.
 */
export class JobCrashedError extends SchedulerError {
  /** How the worker ended. */
  readonly data: WorkerExit;

  /**
   * @param message - what happened and what to do
   * @param exit - how the worker ended
   * @param options - standard `ErrorOptions` (`cause`: the worker's uncaught error, when known)
   */
  constructor(message: string, exit: WorkerExit, options?: ErrorOptions) {
    super('JOB_CRASHED', message, options);
    this.name = 'JobCrashedError';
    this.data = exit;
  }
}

/**
 * Throw this from a job to fail the run at once, without further retries.
 * A subclass may carry a JSON-serialisable `data` property (a verdict's
 * findings, say): run history keeps it as the error's `data`. To stop retries
 * for an error of your own class (keeping its name and code), mark it with
 * `nonRetryable(error)` or give it `retryable = false` instead.
 *
 * @example
 * ```ts
 * if (!apiKey) throw new NonRetryableError('POKEMONTCG_API_KEY is not set');
 * ```
 */
export class NonRetryableError extends SchedulerError {
  /** Always `false`: retrying cannot help. */
  readonly retryable = false;

  /**
   * @param message - what went wrong
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(message: string, options?: ErrorOptions) {
    super('NON_RETRYABLE', message, options);
    this.name = 'NonRetryableError';
  }
}
