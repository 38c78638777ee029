import { setCappedTimeout } from '../core/capped-timer.js';
import type { Clock } from '../core/clock.js';

/**
 * Lets run paths wait until a run of some job ends on this instance (or a
 * timeout passes, for runs held by other instances that only the store
 * reveals). Used by buffered overlap and dependency waits.
 *
 * @internal
 */
export class RunEndWaiters {
  readonly #clock: Clock;
  readonly #waiters = new Map<string, Set<() => void>>();

  /** @param clock - where the timeouts run */
  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Resolves when a run of `job` ends, after `timeoutMs`, or when `signal` aborts (never rejects). */
  wait(job: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let waiters = this.#waiters.get(job);
      if (!waiters) {
        waiters = new Set();
        this.#waiters.set(job, waiters);
      }
      const done = (): void => {
        cancel();
        signal.removeEventListener('abort', done);
        this.#waiters.get(job)?.delete(done);
        resolve();
      };
      const cancel = setCappedTimeout(this.#clock, done, timeoutMs, true);
      signal.addEventListener('abort', done, { once: true });
      waiters.add(done);
    });
  }

  /** A run of `job` ended: wakes its waiters. */
  notify(job: string): void {
    const waiters = this.#waiters.get(job);
    if (!waiters) return;
    this.#waiters.delete(job);
    for (const wake of waiters) wake();
  }
}
