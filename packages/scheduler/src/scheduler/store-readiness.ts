import type { JobEntry } from '../run/runtime.js';
import type { JobPlan } from '../store/types.js';
import { type AuditContext, deployEntries, recordAudit } from './audit-log.js';
import type { StoreClock } from './clock-offset.js';
import { specOf } from './job-entry.js';
import type { JobStateSync } from './job-state-sync.js';
import type { ResolvedOptions } from './validate-options.js';

/**
 * The store made ready once: for `start()` and the operator API (`trigger`, `pause`, ...),
 * initialised and reconciled with the definitions, clock offset measured and operator state
 * read, and each change to the job table recorded in the audit log (actor `deploy`); for the read-only API (`status`, `plan`, `nextRuns`) before that, initialised alone.
 *
 * @internal
 */
export class StoreReadiness {
  readonly #o: ResolvedOptions;
  readonly #jobs: ReadonlyMap<string, JobEntry>;
  readonly #clock: StoreClock;
  readonly #sync: JobStateSync;
  readonly #audit: AuditContext;
  #ready: Promise<JobPlan> | undefined;
  /** Set once the store was initialised for the read-only API before `start()`. */
  #opened: Promise<void> | undefined;

  constructor(audit: AuditContext, jobs: ReadonlyMap<string, JobEntry>, clock: StoreClock, sync: JobStateSync) {
    this.#audit = audit;
    this.#o = audit.o;
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
    // The first poll reads what changed from here on: what an operator changes while this
    // reconciles is not missed (the rows reconcile writes are read again once, harmlessly).
    this.#sync.readFrom(await this.#clock.measure());
    // One read of the rows before the change: their operator state (reconcile keeps it), and
    // the `before` of the audit log's `deploy` entries.
    const before = await store.listJobs();
    const plan = await store.reconcileJobs(specs, { removeMissing: this.#o.removeUnknownJobs });
    for (const entry of deployEntries(plan, before, specs, this.#o.removeUnknownJobs)) {
      await recordAudit(this.#audit, entry);
    }
    // Overrides already in the store are not changes: no "Schedule changed" line at every start.
    for (const state of before) this.#sync.apply(state.name, state, false);
    return plan;
  }
}
