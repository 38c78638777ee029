/** The library's errors: bad definitions and options, store and notifier failures; the base class and the run outcomes live beside them and are re-exported here. */
import { SchedulerError } from './scheduler-error.js';

export {
  type CancelReason,
  JobCancelledError,
  JobCrashedError,
  JobTimeoutError,
  NonRetryableError,
  TimeoutError,
  type WorkerExit,
} from './run-errors.js';
export type { SchedulerErrorCode } from './scheduler-error.js';
export { SchedulerError } from './scheduler-error.js';

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
