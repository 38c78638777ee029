import type { JobEntry } from '../run/runtime.js';
import type { JobPlan } from '../store/types.js';
import type { StoreClock } from './clock-offset.js';
import { specOf } from './job-entry.js';
import type { JobStateSync } from './job-state-sync.js';
import type { ResolvedOptions } from './validate-options.js';

/**
 * The store made ready once: for `start()` and the operator API (`trigger`, `pause`, ...),
 * initialised and reconciled with the definitions, clock offset measured and operator state
 * read; for the read-only API (`status`, `plan`, `nextRuns`) before that, initialised alone.
 *
 * @internal
 */
export class StoreReadiness {
  readonly #o: ResolvedOptions;
  readonly #jobs: ReadonlyMap<string, JobEntry>;
  readonly #clock: StoreClock;
  readonly #sync: JobStateSync;
  #ready: Promise<JobPlan> | undefined;
  /** Set once the store was initialised for the read-only API before `start()`. */
  #opened: Promise<void> | undefined;

  constructor(o: ResolvedOptions, jobs: ReadonlyMap<string, JobEntry>, clock: StoreClock, sync: JobStateSync) {
    this.#o = o;
    this.#jobs = jobs;
    this.#clock = clock;
    this.#sync = sync;
  }

  /** Initialises and reconciles the store once; the reconcile plan. */
  ready(): Promise<JobPlan> {
    this.#ready ??= this.#prepare();
    return this.#ready;
  }

  /** Initialises the store once, for reads: {@link StoreReadiness.ready}'s when it began, else `init()` alone (no write). */
  async openForReads(): Promise<void> {
    if (this.#ready) {
      await this.#ready;
      return;
    }
    this.#opened ??= this.#o.store.init().catch((error: unknown) => {
      this.#opened = undefined;
      throw error;
    });
    await this.#opened;
  }

  async #prepare(): Promise<JobPlan> {
    const store = this.#o.store;
    await store.init();
    const specs = [...this.#jobs.values()].map((entry) => specOf(entry));
    const plan = await store.reconcileJobs(specs, { removeMissing: this.#o.removeUnknownJobs });
    // The first poll reads what changed after this store time: not the rows reconcile itself just wrote.
    this.#sync.readFrom(await this.#clock.measure());
    // Rows reconcile just added carry no operator state yet (not paused, no override):
    // reading them back only costs time with many jobs. Otherwise read the operator state now.
    if (plan.added.length < this.#jobs.size) {
      // Overrides already in the store are not changes: no "Schedule changed" line at every start.
      for (const state of await store.listJobs()) this.#sync.apply(state.name, state, false);
    }
    return plan;
  }
}
