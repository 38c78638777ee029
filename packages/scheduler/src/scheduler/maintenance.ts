import { backoffDelayMs } from '../core/backoff.js';
import { runSlot } from '../run/run-slot.js';
import type { SlotRequest } from '../run/runtime.js';
import { slotRequest } from '../run/slot-request.js';
import type { StoreClock } from './clock-offset.js';
import type { EngineContext, Wakeup } from './engine-context.js';
import { JobStateSync } from './job-state-sync.js';
import { type DownSpan, Liveness } from './liveness.js';
import type { SlotRouter } from './slot-router.js';
import { StoreChanges } from './store-changes.js';

/**
 * Shortest gap between two lease reaps: a lease that looked due but was not yet (the local
 * and store clocks a little apart) is looked at again after this, not in a spin; lost slots
 * are retried after it too. Otherwise a reap waits for the next lease expiry the store
 * reports, or one lease period when nothing runs.
 */
const MIN_REAP_GAP_MS = 1_000;
/** Audit log entries past `auditRetentionMs` are deleted at most this often, in a pass the loop makes anyway (no wake of its own). */
const AUDIT_PRUNE_EVERY_MS = 24 * 60 * 60_000;
/** Store maintenance failing in a row: retried 1 s, 2 s, 4 s... at most 60 s apart. */
const MAINTENANCE_BACKOFF = { initialMs: 1_000, maxMs: 60_000 } as const;

/**
 * Store maintenance, run by the wake loop after the due slots: job-state sync (reported changes,
 * or a poll that also measures the clock offset), reaping of expired leases (any instance's;
 * their scheduled slots run again), recovery of slots the store failed to record, and the audit
 * log's retention (daily). A failing
 * store is retried with capped exponential backoff.
 *
 * @internal
 */
export class Maintenance {
  /** The changes the store reports (`Store.watch`): job rows to read again, leases to reap. */
  readonly changes: StoreChanges;
  readonly sync: JobStateSync;
  readonly #liveness: Liveness;
  readonly #ctx: EngineContext;
  readonly #router: SlotRouter;
  readonly #clock: StoreClock;
  readonly #wake: Wakeup;
  #nextPollMs = 0;
  #nextReapMs = 0;
  #nextAuditPruneMs = 0;
  #failures = 0;
  /** Jobs with a slot neither run nor recorded (the store failed): job → that slot (ms); see {@link Maintenance.slotLost}. */
  readonly #lost = new Map<string, number>();

  constructor(ctx: EngineContext, router: SlotRouter, clock: StoreClock, wake: Wakeup) {
    this.#ctx = ctx;
    this.#router = router;
    this.#clock = clock;
    this.#wake = wake;
    this.changes = new StoreChanges({
      jobsChanged: () => wake.kick(),
      runChanged: (job, leaseMs) => this.#onRunChanged(job, leaseMs),
    });
    this.sync = new JobStateSync(ctx, router, this.changes);
    // an instance not seen for three beats (or three polls, when longer) is taken for dead
    this.#liveness = new Liveness(ctx.o.store, ctx.o.instanceId, 3 * Math.max(ctx.o.pollIntervalMs, 60_000));
  }

  /** At start: records this instance as running; the span in which none was, if any (reported, not thrown, on failure). */
  async startLiveness(): Promise<DownSpan | undefined> {
    try {
      return await this.#liveness.start(this.#ctx.nowMs());
    } catch (error) {
      this.#ctx.reportError('liveness record (start)', error, 0);
      return undefined;
    }
  }

  /** At a clean stop: marks this instance stopped (reported, not thrown, on failure). */
  async stopLiveness(): Promise<void> {
    await this.#liveness.stop(this.#ctx.nowMs()).catch((error: unknown) => {
      this.#ctx.reportError('liveness record (stop)', error, 0);
    });
  }

  /** When maintenance is next due (store time, ms). */
  nextDueMs(): number {
    return Math.min(this.#nextPollMs, this.#nextReapMs);
  }

  /** At start: a store that reports every change is read once more now (what changed before the subscription), then never polled. */
  schedulePolls(nowMs: number): void {
    this.#nextPollMs = this.changes.complete ? nowMs : nowMs + this.#ctx.o.pollIntervalMs;
  }

  /** Subscribes to the store's changes, if it reports them; without, it is polled. */
  async watchStore(): Promise<void> {
    try {
      await this.changes.subscribe(this.#ctx.o.store, this.#ctx.stopSignal);
    } catch (error) {
      this.#ctx.reportError('store watch (changes are polled instead)', error, 0);
    }
  }

  /** Maintenance when due; on failure logs, emits `scheduler:operation-failed` and retries later with capped exponential backoff. */
  async runOrBackOff(): Promise<void> {
    try {
      await this.#maintain();
      this.#failures = 0;
    } catch (error) {
      this.#failures++;
      const retryInMs = backoffDelayMs(this.#failures, MAINTENANCE_BACKOFF);
      this.#nextPollMs = this.#ctx.nowMs() + retryInMs;
      this.#nextReapMs = this.#nextPollMs;
      this.#nextAuditPruneMs = Math.max(this.#nextAuditPruneMs, this.#nextPollMs);
      const operation = 'store maintenance (poll jobs, reap expired leases, measure clock offset, prune audit log)';
      this.#ctx.reportError(operation, error, retryInMs);
    }
  }

  async #maintain(): Promise<void> {
    const nowMs = this.#ctx.nowMs();
    if (nowMs >= this.#nextPollMs) {
      this.#nextPollMs = nowMs + this.sync.pollEveryMs();
      this.changes.takeJobs(); // the poll reads them
      await this.sync.poll(await this.#clock.measure());
    } else {
      await this.sync.readChanged();
    }
    if (nowMs >= this.#nextReapMs) {
      this.#nextReapMs = nowMs + MIN_REAP_GAP_MS;
      await this.reap();
      await this.#recoverLostSlots();
    }
    await this.#liveness.beat(nowMs);
    if (nowMs >= this.#nextAuditPruneMs) {
      this.#nextAuditPruneMs = nowMs + AUDIT_PRUNE_EVERY_MS;
      await this.#ctx.o.store.pruneAudit({ olderThan: new Date(nowMs - this.#ctx.o.auditRetentionMs) });
    }
  }

  /**
   * Abandons expired leases (any instance's) and plans the next reap: at the next lease
   * expiry the store reports, at most a lease period away, at least {@link MIN_REAP_GAP_MS}
   * (sooner while slots wait to be recovered).
   */
  async reap(): Promise<void> {
    const ctx = this.#ctx;
    const { abandoned, nextLeaseExpiresAt } = await ctx.o.store.reapExpiredRuns();
    const nowMs = ctx.nowMs();
    this.changes.reaped(nowMs, nextLeaseExpiresAt?.getTime());
    // A store that reports every claim needs no look until a known lease can expire.
    const capMs = this.changes.complete ? Number.POSITIVE_INFINITY : nowMs + ctx.o.leaseMs;
    const nextMs = Math.min(nextLeaseExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY, capMs);
    this.#nextReapMs = this.#lost.size > 0 ? nowMs + MIN_REAP_GAP_MS : Math.max(nextMs, nowMs + MIN_REAP_GAP_MS);
    for (const run of abandoned) {
      ctx.o.logger.warn('Run abandoned by its owner (lease expired)', { job: run.job, runId: run.id });
      ctx.emitter.emit('run:abandoned', { run });
      const entry = ctx.jobs.get(run.job);
      const rerun = run.trigger === 'schedule' || run.trigger === 'catch-up';
      if (!entry || !rerun || !ctx.lifecycle.live) continue;
      const request: SlotRequest = { ...slotRequest(run.scheduledFor, run.trigger), claimKey: run.claimKey };
      ctx.track(runSlot(ctx.rt, entry, request));
    }
  }

  /** A slot of `job` from `firstMs` on was neither run nor recorded (the store failed): caught up once the store answers. */
  slotLost(job: string, firstMs: number, error: unknown): void {
    this.#lost.set(job, Math.min(this.#lost.get(job) ?? firstMs, firstMs));
    this.#nextReapMs = Math.min(this.#nextReapMs, this.#ctx.nowMs() + MIN_REAP_GAP_MS);
    this.#wake.rearm();
    this.#ctx.reportError(`slot of "${job}" (neither run nor recorded; caught up once the store answers)`, error, 0);
  }

  /**
   * Part of store maintenance (so it retries with the same backoff while the store still
   * fails): moves the cursor of each job with a lost slot back to its last recorded slot (never
   * before the lost one), as `start()` does; the next pass of due slots finds the gap and
   * applies the catch-up policy.
   */
  async #recoverLostSlots(): Promise<void> {
    const ctx = this.#ctx;
    for (const [name, firstMs] of [...this.#lost]) {
      if (ctx.lifecycle.halted) return;
      const last = await ctx.o.store.lastSlot(name);
      this.#lost.delete(name);
      const entry = ctx.jobs.get(name);
      if (!entry) continue;
      entry.cursorMs = Math.min(entry.cursorMs, Math.max(last?.getTime() ?? Number.NEGATIVE_INFINITY, firstMs - 1));
      this.#router.push(entry);
      this.#wake.again();
    }
  }

  /** A run was claimed (reap when its lease can expire) or ended (wake who waits for it). */
  #onRunChanged(job: string, leaseMs: number | undefined): void {
    if (!this.#ctx.lifecycle.live) return;
    if (leaseMs !== undefined) {
      this.#nextReapMs = Math.min(this.#nextReapMs, leaseMs);
    } else {
      this.#ctx.rt.runEnded(job);
      if (!this.changes.complete || this.#lost.size > 0 || this.#failures > 0) return;
      this.#nextReapMs = Math.max(this.changes.nextLeaseExpiryMs(), this.#ctx.nowMs() + MIN_REAP_GAP_MS);
    }
    this.#wake.rearm();
  }
}
