import type { Store, StoreChange } from '../store/types.js';

/** More job changes than this waiting at once are read with one poll rather than one read each. */
const MAX_SINGLE_READS = 64;

/** What the engine does with the changes a store reports. @internal */
export interface StoreChangeHandlers {
  /** Job rows changed, or everything must be read again (`resync`): read them at the next chance. */
  jobsChanged(): void;
  /** A run was claimed (its lease expires at `leaseMs`, store time) or reached a final status. */
  runChanged(job: string, leaseMs: number | undefined): void;
}

/**
 * The scheduler's side of {@link Store.watch}: subscribes, collects the names of
 * changed job rows until the engine reads them, and tracks the leases of the runs
 * it was told about, so lease reaping is armed for when a lease can expire.
 *
 * @internal
 */
export class StoreChanges {
  readonly #handlers: StoreChangeHandlers;
  readonly #jobs = new Set<string>();
  /** Run id → lease expiry (store time, ms) of the running runs reported since the last reap. */
  readonly #leases = new Map<string, number>();
  /** The next lease expiry the last reap reported (ms; +∞ when nothing ran). */
  #reportedMs = Number.POSITIVE_INFINITY;
  #resync = false;
  /** Whether the store reports every change (then it is never polled). */
  complete = false;

  constructor(handlers: StoreChangeHandlers) {
    this.#handlers = handlers;
  }

  /** Subscribes to `store` until `signal` aborts; resolves `false` without a subscription (the store is polled). */
  async subscribe(store: Store, signal: AbortSignal): Promise<boolean> {
    if (!store.watch) return false;
    const watch = await store.watch((change) => this.#onChange(change), signal);
    this.complete = watch.complete;
    return true;
  }

  /** The job rows to read again; `'all'` when a poll is cheaper or changes may have been lost. */
  takeJobs(): readonly string[] | 'all' {
    const all = this.#resync || this.#jobs.size > MAX_SINGLE_READS;
    const names = [...this.#jobs];
    this.#jobs.clear();
    this.#resync = false;
    return all ? 'all' : names;
  }

  /** Puts names back after a failed read. */
  restore(names: readonly string[] | 'all'): void {
    if (names === 'all') this.#resync = true;
    else for (const name of names) this.#jobs.add(name);
  }

  /** A reap ran at `nowMs` and reported `nextMs`: leases reported before it are covered by that figure. */
  reaped(nowMs: number, nextMs: number | undefined): void {
    this.#reportedMs = nextMs ?? Number.POSITIVE_INFINITY;
    for (const [id, leaseMs] of this.#leases) if (leaseMs <= nowMs) this.#leases.delete(id);
  }

  /** The earliest instant a known lease can expire (+∞: nothing is running). */
  nextLeaseExpiryMs(): number {
    let next = this.#reportedMs;
    for (const leaseMs of this.#leases.values()) next = Math.min(next, leaseMs);
    return next;
  }

  #onChange(change: StoreChange): void {
    switch (change.kind) {
      case 'job':
        this.#jobs.add(change.job);
        this.#handlers.jobsChanged();
        return;
      case 'resync':
        this.#resync = true;
        this.#handlers.jobsChanged();
        return;
      case 'run': {
        const leaseMs = change.status === 'running' ? change.leaseExpiresAt?.getTime() : undefined;
        if (leaseMs === undefined) this.#leases.delete(change.runId);
        else this.#leases.set(change.runId, leaseMs);
        this.#handlers.runChanged(change.job, leaseMs);
        return;
      }
    }
  }
}
