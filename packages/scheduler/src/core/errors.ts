/**
 * The stable error codes of `@pokemon/scheduler`. A code never changes once
 * published; match on it rather than on messages.
 */
export type SchedulerErrorCode =
  | 'INVALID_JOB'
  | 'INVALID_OPTION'
  | 'INVALID_SCHEDULE'
  | 'DEPENDENCY_CYCLE'
  | 'UNKNOWN_JOB'
  | 'TIMEOUT'
  | 'JOB_TIMEOUT'
  | 'JOB_CANCELLED'
  | 'JOB_CRASHED'
  | 'NON_RETRYABLE'
  | 'STORE_ERROR'
  | 'NOTIFIER_FAILED'
  | 'SCHEDULER_STATE';

/**
 * Base class of every error the library throws. Each subclass has a fixed
 * `name` and a stable {@link SchedulerErrorCode}.
 */
export class SchedulerError extends Error {
  /** Stable, machine-readable code. */
  readonly code: SchedulerErrorCode;

  /**
   * @param code - the stable code
   * @param message - what was wrong, where, and what to do
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(code: SchedulerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchedulerError';
    this.code = code;
  }
}

/**
 * A job definition is invalid (name, timeout, retry, overlap, catch-up, DST
 * option, per-job alert override, `run` not a function...). Thrown by
 * `defineJob`, and by `createScheduler` for what it checks across jobs
 * (duplicate names), never at run time. Bad options of other components are
 * an {@link InvalidOptionError}.
 */
export class InvalidJobError extends SchedulerError {
  /** The job the bad option belongs to, when known. */
  readonly job: string | undefined;
  /** The option that was wrong, e.g. `retry.attempts`. */
  readonly field: string;

  /**
   * @param message - full message, naming the job, the field and the fix
   * @param details - the job and field that were wrong
   */
  constructor(message: string, details: { job?: string | undefined; field: string }, options?: ErrorOptions) {
    super('INVALID_JOB', message, options);
    this.name = 'InvalidJobError';
    this.job = details.job;
    this.field = details.field;
  }
}

/**
 * An option of a component other than a job definition is invalid:
 * `createScheduler` (including its `alerts`), `retry()`, `withTimeout()`,
 * `slackNotifier()`... `component` names the function, `option` the option.
 *
 * @example
 * ```ts
 * try { retry(fn, { attempts: 0 }); } catch (error) {
 *   if (error instanceof InvalidOptionError) console.log(error.component, error.option); // 'retry', 'attempts'
 * }
 * ```
 */
export class InvalidOptionError extends SchedulerError {
  /** The function the option was given to, e.g. `createScheduler`, `retry`, `slackNotifier`. */
  readonly component: string;
  /** The option that was wrong, e.g. `maxConcurrency` or `alerts.cooldownMs`. */
  readonly option: string;

  /**
   * @param message - full message, naming the component, the option and the fix
   * @param details - the component and option that were wrong
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(message: string, details: { component: string; option: string }, options?: ErrorOptions) {
    super('INVALID_OPTION', message, options);
    this.name = 'InvalidOptionError';
    this.component = details.component;
    this.option = details.option;
  }
}

/**
 * A cron expression or timezone could not be parsed. The message names the
 * job (when known), the bad field and its allowed range.
 */
export class InvalidScheduleError extends SchedulerError {
  /** The expression as given. */
  readonly expression: string;
  /** The job it belongs to, when known. */
  readonly job: string | undefined;
  /** The cron field or option that was wrong (`minute`, `hour`, `timezone`...), when known. */
  readonly field: string | undefined;

  /**
   * @param message - full message
   * @param details - expression, job and field
   */
  constructor(
    message: string,
    details: { expression: string; job?: string | undefined; field?: string | undefined },
    options?: ErrorOptions,
  ) {
    super('INVALID_SCHEDULE', message, options);
    this.name = 'InvalidScheduleError';
    this.expression = details.expression;
    this.job = details.job;
    this.field = details.field;
  }
}

/** Jobs depend on each other in a loop. `cycle` lists it, first name repeated last. */
export class DependencyCycleError extends SchedulerError {
  /** The cycle, e.g. `['a', 'b', 'c', 'a']`. */
  readonly cycle: readonly string[];

  /** @param cycle - the jobs in the cycle, first name repeated last */
  constructor(cycle: readonly string[]) {
    super(
      'DEPENDENCY_CYCLE',
      `Job dependencies form a cycle: ${cycle.join(' -> ')}. Remove one of these dependsOn entries.`,
    );
    this.name = 'DependencyCycleError';
    this.cycle = cycle;
  }
}

/** A job name that no registered job has (in `trigger`, `pause`, `dependsOn`...). */
export class UnknownJobError extends SchedulerError {
  /** The unknown name. */
  readonly job: string;

  /**
   * @param job - the unknown name
   * @param known - the registered names, listed in the message
   * @param where - where the name was used, e.g. `dependsOn of "b"`
   */
  constructor(job: string, known: readonly string[], where?: string) {
    const place = where ? ` (in ${where})` : '';
    const list = known.length > 0 ? known.join(', ') : '(none)';
    super('UNKNOWN_JOB', `Unknown job "${job}"${place}. Registered jobs: ${list}.`);
    this.name = 'UnknownJobError';
    this.job = job;
  }
}

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

/**
 * A store operation failed: the database is unreachable, read-only, corrupt,
 * or a migration failed. `operation` names what the store was doing; the
 * driver's error is the `cause`.
 */
export class StoreError extends SchedulerError {
  /** What the store was doing, e.g. `connect to 127.0.0.1:5432`, `claimRun`. */
  readonly operation: string;

  /**
   * @param operation - what the store was doing
   * @param message - what went wrong and what to do
   * @param options - standard `ErrorOptions` (`cause`: the driver's error)
   */
  constructor(operation: string, message: string, options?: ErrorOptions) {
    super('STORE_ERROR', message, options);
    this.name = 'StoreError';
    this.operation = operation;
  }
}

/**
 * A notifier could not deliver an alert (HTTP error status, network failure,
 * timeout). The message never contains secrets such as a webhook URL.
 */
export class NotifierError extends SchedulerError {
  /** The notifier that failed, e.g. `slack`. */
  readonly notifier: string;
  /** The HTTP status it answered with, when it answered. */
  readonly status: number | undefined;
  /** Whether retrying later may succeed (429, 5xx, network errors, timeouts). */
  readonly retryable: boolean;

  /**
   * @param notifier - which notifier failed
   * @param message - what went wrong (no secrets) and what to do
   * @param details - HTTP status and whether a retry may help
   */
  constructor(notifier: string, message: string, details: { status?: number; retryable: boolean }) {
    super('NOTIFIER_FAILED', message);
    this.name = 'NotifierError';
    this.notifier = notifier;
    this.status = details.status;
    this.retryable = details.retryable;
  }
}
