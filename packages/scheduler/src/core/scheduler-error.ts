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
