/**
 * Base of the Pokémon jobs' own errors that a retry cannot fix: each keeps its
 * class, `name` and a stable `code` of its own (`HEALTH_CHECK_CRITICAL`,
 * `NOT_CONFIGURED`...), shown as is in run history, and carries
 * `retryable: false`, so the scheduler fails the run at once instead of
 * retrying it.
 */
export class PermanentJobError extends Error {
  /** Stable, machine-readable code of the failure. */
  readonly code: string;
  /** Always `false`: the scheduler's retry policy and `retry()` stop at once. */
  readonly retryable = false;

  /**
   * @param code - the stable code
   * @param message - what went wrong and what to do
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentJobError';
    this.code = code;
  }
}
