import { NonRetryableError } from './errors.js';

/**
 * Marks `error` as not worth retrying, keeping its class, name, code and
 * message (unlike wrapping it in a {@link NonRetryableError}): a job's retry
 * policy and `retry()` stop at once when it is thrown, and run history shows
 * the error as it is. Sets `error.retryable = false` and returns the error.
 *
 * @param error - the error to mark
 * @returns the same error, typed with `retryable: false`
 *
 * @example
 * ```ts
 * class QuotaExceededError extends Error { readonly code = 'QUOTA_EXCEEDED'; }
 * throw nonRetryable(new QuotaExceededError('Monthly quota used up'));
 * ```
 */
export function nonRetryable<E extends Error>(error: E): E & { readonly retryable: false } {
  Object.defineProperty(error, 'retryable', { value: false, configurable: true, enumerable: false, writable: false });
  return error as E & { readonly retryable: false };
}

/**
 * Whether retrying after `error` may help: `false` for a
 * {@link NonRetryableError} and for any error whose `retryable` property is
 * `false` (see {@link nonRetryable}); `true` otherwise.
 *
 * @param error - anything thrown
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NonRetryableError) return false;
  return !(typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false);
}

/**
 * The one retry rule of jobs and `retry()`: never after a non-retryable error
 * ({@link isRetryable}); otherwise unless `retryIf` returns a falsy value
 * (`false`, `undefined`: a forgotten `return` does not retry) or throws.
 *
 * @internal
 */
export function shouldRetry(
  retryIf: ((error: Error, attempt: number) => boolean) | undefined,
  error: Error,
  attempt: number,
): boolean {
  if (!isRetryable(error)) return false;
  if (!retryIf) return true;
  try {
    return Boolean(retryIf(error, attempt));
  } catch {
    return false;
  }
}
