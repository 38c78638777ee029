/** Retry options: of a job (`defineJob({ retry })`) and of the standalone `retry()`. */
export interface RetryOptions {
  /** Total attempts, first included. @default 1 */
  attempts?: number;
  /** Delay growth between attempts. @default 'exponential' */
  backoff?: 'fixed' | 'exponential';
  /** Delay before the 2nd attempt, ms. @default 1000 */
  initialDelayMs?: number;
  /** Upper bound of a delay, ms. @default 60000 */
  maxDelayMs?: number;
  /** Randomise each delay in [delay/2, delay] ("equal jitter"). @default true */
  jitter?: boolean;
  /**
   * Return `false` (or any falsy value) to stop retrying after this error. A non-retryable error
   * (`NonRetryableError`, `nonRetryable(error)`, `retryable: false`) always stops.
   */
  retryIf?: (error: Error, attempt: number) => boolean;
}
