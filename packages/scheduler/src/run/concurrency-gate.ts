import { MinHeap } from '../core/min-heap.js';

interface Waiter {
  job: string;
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  settled: boolean;
}

/**
 * The global concurrency limit: at most `limit` holders at once; waiters are
 * served in slot order (earliest `scheduledFor` first, then arrival order).
 *
 * @internal
 */
export class ConcurrencyGate {
  readonly #limit: number;
  readonly #queue = new MinHeap<Waiter>();
  #active = 0;
  readonly #waitingByJob = new Map<string, number>();

  /** @param limit - most holders at once */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Holders right now. */
  get active(): number {
    return this.#active;
  }

  /** Waiters of `job` right now. */
  waiting(job: string): number {
    return this.#waitingByJob.get(job) ?? 0;
  }

  /**
   * Resolves with a `release` function once a place is free. Rejects with
   * `signal.reason` if `signal` aborts while waiting.
   */
  acquire(job: string, slotMs: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.#limit && this.#queue.size === 0) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { job, resolve, reject, settled: false };
      const onAbort = (): void => {
        if (waiter.settled) return;
        waiter.settled = true;
        this.#count(job, -1);
        reject(signal?.reason);
      };
      waiter.resolve = (release) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#count(job, 1);
      this.#queue.push(slotMs, waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#drain();
    };
  }

  #drain(): void {
    while (this.#active < this.#limit) {
      const next = this.#queue.pop();
      if (!next) return;
      const waiter = next.value;
      if (waiter.settled) continue;
      waiter.settled = true;
      this.#count(waiter.job, -1);
      this.#active++;
      waiter.resolve(this.#releaser());
    }
  }

  #count(job: string, delta: number): void {
    const n = (this.#waitingByJob.get(job) ?? 0) + delta;
    if (n <= 0) this.#waitingByJob.delete(job);
    else this.#waitingByJob.set(job, n);
  }
}
