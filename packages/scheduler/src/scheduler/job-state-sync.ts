import type { JobState } from '../store/types.js';
import type { EngineContext } from './engine-context.js';
import { applyJobState } from './job-entry.js';
import type { SlotRouter } from './slot-router.js';
import type { StoreChanges } from './store-changes.js';

/**
 * A job-state poll reads the rows updated since the previous poll began minus this much, so an
 * update stamped a little before it committed is not missed (applying a row twice is harmless).
 */
const JOB_POLL_OVERLAP_MS = 10_000;

/**
 * Keeps each job's operator state (pause, schedule override, circuit state) in step with the
 * store: read when the store reports a change, otherwise polled.
 *
 * @internal
 */
export class JobStateSync {
  readonly #ctx: EngineContext;
  readonly #router: SlotRouter;
  readonly #changes: StoreChanges;
  /** The next poll reads the rows updated at or after this store time; undefined: all of them. */
  #changedSinceMs: number | undefined;

  constructor(ctx: EngineContext, router: SlotRouter, changes: StoreChanges) {
    this.#ctx = ctx;
    this.#router = router;
    this.#changes = changes;
  }

  /** The first poll reads what changed after `storeMs` (not the rows reconcile itself just wrote). */
  readFrom(storeMs: number): void {
    this.#changedSinceMs = storeMs;
  }

  /** How often the store is polled: never when it reports every change. */
  pollEveryMs(): number {
    return this.#changes.complete ? Number.POSITIVE_INFINITY : this.#ctx.o.pollIntervalMs;
  }

  /** Applies the job rows changed since the last read. @param readAtMs - the store's time just before this read */
  async poll(readAtMs: number): Promise<void> {
    const since = this.#changedSinceMs;
    const states = await this.#ctx.o.store.listJobs(since === undefined ? {} : { updatedSince: new Date(since) });
    for (const state of states) this.apply(state.name, state);
    this.#changedSinceMs = readAtMs - JOB_POLL_OVERLAP_MS;
  }

  /** Reads the job rows the store reported changed (all of them after a `resync`). */
  async readChanged(): Promise<void> {
    const names = this.#changes.takeJobs();
    try {
      if (names === 'all') await this.poll(this.#ctx.nowMs());
      else for (const name of names) this.apply(name, await this.#ctx.o.store.getJob(name));
    } catch (error) {
      this.#changes.restore(names);
      throw error;
    }
  }

  /** @param announce - log a changed schedule (false for the state read at start) */
  apply(name: string, state: JobState | undefined, announce = true): void {
    const ctx = this.#ctx;
    const entry = ctx.jobs.get(name);
    if (!entry || !state) return;
    try {
      if (!applyJobState(entry, state)) return;
      if (announce) ctx.o.logger.info('Schedule changed', { job: name, schedule: entry.expression });
      if (ctx.lifecycle.live) {
        entry.cursorMs = Math.max(entry.cursorMs, ctx.nowMs());
        this.#router.push(entry);
      }
    } catch (error) {
      const retryMs = this.pollEveryMs();
      ctx.reportError(`schedule override of "${name}"`, error, Number.isFinite(retryMs) ? retryMs : 0);
    }
  }
}
