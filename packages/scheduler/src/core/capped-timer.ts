import type { Clock, TimerHandle } from './clock.js';

/** setTimeout's limit: longer delays fire at once in Node. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Calls `callback` once `delayMs` have passed on `clock`, arming timers no
 * longer than {@link MAX_TIMER_DELAY_MS}; a wait longer than that re-reads
 * the clock on each wake and re-arms for the rest. The timers keep the
 * process alive, as any awaited wait does (a script awaiting `retry()` must
 * not exit in the middle of a backoff), unless `unref`. Returns a function that cancels it.
 *
 * @internal
 */
export function setCappedTimeout(clock: Clock, callback: () => void, delayMs: number, unref = false): () => void {
  const deadline = clock.now() + delayMs;
  let handle: TimerHandle | undefined;
  let remaining = Math.max(0, delayMs);
  const arm = (): void => {
    handle = clock.setTimeout(wake, Math.min(remaining, MAX_TIMER_DELAY_MS));
    if (unref) handle.unref?.();
  };
  const wake = (): void => {
    handle = undefined;
    remaining = deadline - clock.now();
    // Only long waits are re-armed: a short timer fired by the clock is trusted.
    if (remaining > 0 && delayMs > MAX_TIMER_DELAY_MS) arm();
    else callback();
  };
  arm();
  return () => {
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = undefined;
  };
}

/** Options of {@link sleep}. @internal */
export interface SleepOptions {
  /** Rejects the wait at once with `signal.reason` (checked first; the listener is removed when settled). */
  readonly signal?: AbortSignal | undefined;
  /** Lets the process exit while only this wait is pending (Node's `unref`). @default false */
  readonly unref?: boolean;
}

/**
 * The one sleep of the library: waits `delayMs` on `clock`, through
 * {@link setCappedTimeout} (a wait past 2^31-1 ms never fires early), and
 * rejects with `signal.reason` as soon as `signal` aborts.
 *
 * @internal
 */
export function sleep(clock: Clock, delayMs: number, options: SleepOptions = {}): Promise<void> {
  const { signal, unref = false } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = setCappedTimeout(
      clock,
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      delayMs,
      unref,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
