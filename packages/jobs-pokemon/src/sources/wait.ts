import type { Clock } from '@pokemon/scheduler';

/**
 * Waits `delayMs` on `clock` (the scheduler's, so a fake clock drives it in tests).
 * Rejects with `signal.reason` as soon as `signal` aborts, and removes its timer and listener.
 */
export function wait(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, delayMs),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
