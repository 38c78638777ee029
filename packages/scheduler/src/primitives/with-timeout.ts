import { setCappedTimeout } from '../core/capped-timer.js';
import { type Clock, systemClock } from '../core/clock.js';
import { TimeoutError } from '../core/errors.js';
import { componentSite, positiveNumber } from '../core/validate.js';

/** Options of {@link withTimeout}. */
export interface WithTimeoutOptions {
  /** Where the time limit is measured. @default systemClock */
  clock?: Clock;
  /** Aborts the operation early: the signal given to `fn` aborts with its reason, and the promise rejects with it. */
  signal?: AbortSignal;
  /** Makes the timeout error. @default `new TimeoutError(timeoutMs)` */
  reason?: () => Error;
  /**
   * Lets the process exit while only the time limit is pending (Node's `unref`): for an
   * operation whose caller may give up waiting for it. @default false (the wait keeps the process alive)
   */
  unref?: boolean;
}

/**
 * Runs `fn` with a time limit. When `timeoutMs` has passed on `clock`, the
 * signal given to `fn` aborts with a {@link TimeoutError} (code `TIMEOUT`, or `reason()`),
 * and the returned promise rejects with that error AT ONCE, even if `fn`
 * ignores its signal and never settles (its eventual result is then
 * discarded). Timer and listeners are removed as soon as it settles. Usable
 * without the scheduler.
 *
 * @param fn - the operation; should pass `signal` to everything cancellable
 * @param timeoutMs - the limit, ms (positive, finite; longer than setTimeout's 2^31-1 ms is fine)
 * @param options - clock, outer signal, timeout error factory
 * @returns what `fn` resolved to, when in time
 * @throws {@link TimeoutError} (or `reason()`) on timeout; the outer `signal.reason` when it aborts first;
 * whatever `fn` rejects with; {@link InvalidOptionError} (component `withTimeout`) when `timeoutMs` is not a
 * positive finite number
 *
 * @example
 * ```ts
 * const page = await withTimeout((signal) => fetch(url, { signal }), 10_000, { signal: ctx.signal });
 * ```
 */
export function withTimeout<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  options: WithTimeoutOptions = {},
): Promise<T> {
  try {
    positiveNumber(componentSite('withTimeout', 'withTimeout()'), 'timeoutMs', timeoutMs, Number.NaN);
  } catch (error) {
    return Promise.reject(error);
  }
  const { clock = systemClock, signal: outer, reason, unref = false } = options;
  if (outer?.aborted) return Promise.reject(outer.reason);
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      outer?.removeEventListener('abort', onOuterAbort);
      action();
    };
    const fail = (error: unknown): void => {
      settle(() => {
        controller.abort(error);
        reject(error);
      });
    };
    const onOuterAbort = (): void => fail(outer?.reason);
    const cancelTimer = setCappedTimeout(
      clock,
      () => fail(reason ? reason() : new TimeoutError(timeoutMs)),
      timeoutMs,
      unref,
    );
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let running: Promise<T>;
    try {
      running = Promise.resolve(fn(controller.signal));
    } catch (thrown) {
      running = Promise.reject(thrown);
    }
    running.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
