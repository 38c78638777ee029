import { backoffDelayMs } from '../core/backoff.js';
import { sleep } from '../core/capped-timer.js';
import { type Clock, systemClock } from '../core/clock.js';
import { shouldRetry } from '../core/retryable.js';
import { toError } from '../core/serialized-error.js';
import { componentSite } from '../core/validate.js';
import type { RetryOptions } from './retry-options.js';
import { normalizeRetry, policyBackoff } from './retry-policy.js';

/** What {@link retry} reports before waiting for the next attempt. */
export interface RetryInfo {
  /** The attempt that failed, 1-based. */
  attempt: number;
  /** How long it waits before the next attempt, ms. */
  delayMs: number;
  /** Why the attempt failed. */
  error: Error;
}

/** Options of {@link retry}: a job's {@link RetryOptions} plus how to wait and observe. */
export interface RetryCallOptions extends RetryOptions {
  /** Where to wait between attempts. @default systemClock */
  clock?: Clock;
  /** Aborts the retry loop: during a wait it rejects at once with `signal.reason`; it is also passed to each attempt. */
  signal?: AbortSignal;
  /** Called after a failed attempt that will be retried, before the wait. */
  onRetry?: (info: RetryInfo) => void;
  /** Source of numbers in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /**
   * The wait a failed attempt asked for (e.g. an HTTP `Retry-After`), used instead of
   * the backoff delay (and not capped by `maxDelayMs`) when it returns a number, ms.
   */
  retryAfterMs?: (error: Error) => number | undefined;
}

/**
 * Runs `fn` until it resolves, at most `attempts` times, waiting between
 * attempts per the backoff policy (fixed or exponential, capped at
 * `maxDelayMs`, with equal jitter by default). Waits go through `clock` and
 * stop at once when `signal` aborts. Usable without the scheduler.
 *
 * A {@link NonRetryableError}, an error marked with {@link nonRetryable} (or
 * whose `retryable` is `false`), or `retryIf` returning a falsy value (or throwing),
 * stops at once and rejects with that attempt's error.
 *
 * @param fn - one attempt; receives the 1-based attempt number and the signal
 * @param options - retry policy (defaults: 1 attempt, exponential from 1 s to 60 s, jitter on), clock, signal, hooks
 * @returns what the first successful attempt resolved to
 * @throws the last attempt's error (non-Error throws wrapped), or `signal.reason` when aborted,
 * or {@link InvalidOptionError} (component `retry`) for bad options (before any attempt)
 *
 * @example
 * ```ts
 * const sets = await retry((attempt, signal) => fetchSets({ signal }), {
 *   attempts: 4, initialDelayMs: 500, signal: controller.signal,
 *   onRetry: ({ attempt, delayMs, error }) => logger.warn('retrying', { attempt, delayMs, error: error.message }),
 * });
 * ```
 */
export async function retry<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryCallOptions = {},
): Promise<T> {
  const { clock = systemClock, signal, onRetry, random = Math.random, retryAfterMs, ...policyOptions } = options;
  const policy = normalizeRetry(policyOptions, componentSite('retry', 'retry()'), '');
  const attemptSignal = signal ?? new AbortController().signal;
  for (let attempt = 1; ; attempt++) {
    if (attemptSignal.aborted) throw attemptSignal.reason;
    let error: Error;
    try {
      return await fn(attempt, attemptSignal);
    } catch (thrown) {
      error = toError(thrown);
    }
    if (attemptSignal.aborted) throw attemptSignal.reason;
    if (attempt >= policy.attempts || !shouldRetry(policy.retryIf, error, attempt)) throw error;
    const delayMs = retryAfterMs?.(error) ?? backoffDelayMs(attempt, policyBackoff(policy), random);
    onRetry?.({ attempt, delayMs, error });
    await sleep(clock, delayMs, { signal: attemptSignal });
  }
}
