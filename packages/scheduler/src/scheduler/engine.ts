import { createSchedulerHooks, type SchedulerHooks } from '../alerts/scheduler-hooks.js';
import { backoffDelayMs } from '../backoff.js';
import { JobCancelledError, SchedulerError, serializeError, UnknownJobError } from '../errors.js';
import type { JobDefinition } from '../job/types.js';
import { childLogger } from '../logger.js';
import { planCatchUp } from '../policy/catch-up.js';
import { upstreamChain } from '../primitives/dependencies.js';
import { ConcurrencyGate } from '../run/concurrency-gate.js';
import { canPreclaim, PRECLAIM_LEAD_MS, preclaimRequest } from '../run/pre-claim.js';
import { runCatchUp } from '../run/run-catch-up.js';
import { recordNotRun, runSlot } from '../run/run-slot.js';
import { backfillRequest, manualRequest, slotRequest } from '../run/slot-request.js';
import type { JobPlan, JobState, RunRecord, RunTrigger } from '../store/types.js';
import { MinHeap } from '../timer/min-heap.js';
import { type Wake, WakeTimer } from '../timer/wake-timer.js';
import { measureStoreOffset } from './clock-offset.js';
import { dueSlots } from './due-slots.js';
import { SchedulerEmitter } from './emitter.js';
import type { SchedulerEventMap } from './events.js';
import type { NextRunsOptions, PlanOptions, SchedulerPlan } from './inspect-types.js';
import { applyJobState, createJobEntry, specOf } from './job-entry.js';
import { checkAfter, checkCount, effectiveSchedule } from './next-runs.js';
import { buildPlan } from './plan.js';
import { RunEndWaiters } from './run-end-waiters.js';
import type { ActiveRun, JobEntry, Runtime, SlotRequest } from './runtime.js';
import { drainRuns } from './shutdown.js';
import { buildStatus } from './status.js';
import { StoreChanges } from './store-changes.js';
import type { BackfillOptions, JobStatus, Scheduler, SchedulerListener, TriggerOptions } from './types.js';
import type { ResolvedOptions } from './validate-options.js';

/** Most slots one `backfill()` call replays. */
const BACKFILL_LIMIT = 10_000;
/**
 * Shortest gap between two lease reaps: a lease that looked due but was not yet (the local
 * and store clocks a little apart) is looked at again after this, not in a spin; lost slots
 * are retried after it too. Otherwise a reap waits for the next lease expiry the store
 * reports, or one lease period when nothing runs.
 */
const MIN_REAP_GAP_MS = 1_000;
/**
 * A job-state poll reads the rows updated since the previous poll began minus this much, so an
 * update stamped a little before it committed is not missed (applying a row twice is harmless).
 */
const JOB_POLL_OVERLAP_MS = 10_000;
/** Store maintenance failing in a row: retried 1 s, 2 s, 4 s... at most 60 s apart. */
const MAINTENANCE_BACKOFF = { initialMs: 1_000, maxMs: 60_000 } as const;

/**
 * The scheduler. One {@link WakeTimer} armed for the earliest of the heap of
 * next slots and the next maintenance (store poll, lease reaping, clock
 * offset; a store that reports its changes is read when it does); runs go through `runSlot` (claim → dependencies → gate → attempts).
 *
 * @internal
 */
export class SchedulerEngine implements Scheduler {
  readonly instanceId: string;
  readonly #o: ResolvedOptions;
  readonly #emitter: SchedulerEmitter;
  readonly #jobs = new Map<string, JobEntry>();
  readonly #heap = new MinHeap<{ name: string; generation: number }>();
  readonly #timer: WakeTimer;
  readonly #active = new Map<string, ActiveRun>();
  readonly #tasks = new Set<Promise<unknown>>();
  readonly #endWaiters: RunEndWaiters;
  readonly #stopController = new AbortController();
  readonly #rt: Runtime;
  /** Alerts and circuit breakers (src/alerts/scheduler-hooks.ts). */
  readonly #hooks: SchedulerHooks;
  /** The changes the store reports (`Store.watch`): job rows to read again, leases to reap. */
  readonly #changes = new StoreChanges({
    jobsChanged: () => this.#kick(),
    runChanged: (job, leaseMs) => this.#onRunChanged(job, leaseMs),
  });
  #offsetMs = 0;
  #skewed = false;
  #ready: Promise<JobPlan> | undefined;
  #started = false;
  #stopping: Promise<void> | undefined;
  /** Set synchronously when `stop()` begins. */
  #halted = false;
  #ticking = false;
  #tickAgain = false;
  #nextMaintenanceMs = 0;
  #nextReapMs = 0;
  /** The next job-state poll reads the rows updated at or after this store time; undefined: all of them. */
  #jobsChangedSinceMs: number | undefined;
  #failures = 0;
  /** The instant the last wake counts as (its target, when the timer fired just before it). */
  #wakeDueMs = 0;
  /** Jobs with a slot neither run nor recorded (the store failed): job → that slot (ms); see {@link SchedulerEngine.#recoverLostSlots}. */
  readonly #lost = new Map<string, number>();
  /** The timer target when it was armed for a pre-claim (a slot minus {@link PRECLAIM_LEAD_MS}); NaN otherwise. */
  #leadTargetMs = Number.NaN;
  /** The earliest pre-claimed slot not reached yet: the scheduler still wakes at it (alert scans, maintenance). */
  #slotWakeMs = Number.POSITIVE_INFINITY;

  constructor(options: ResolvedOptions) {
    this.#o = options;
    this.instanceId = options.instanceId;
    this.#emitter = new SchedulerEmitter(options.logger);
    this.#endWaiters = new RunEndWaiters(options.clock);
    for (const def of options.jobs) this.#jobs.set(def.name, createJobEntry(def, options.timezone));
    this.#timer = new WakeTimer(
      options.clock,
      () => this.#nowMs(),
      (wake) => this.#onWake(wake),
      options.maxTimerDelayMs,
      !options.keepAlive,
    );
    this.#rt = this.#makeRuntime();
    this.#hooks = createSchedulerHooks({
      ...options,
      scheduleOf: (job) => this.#jobs.get(job)?.schedule,
      nowMs: () => this.#nowMs(),
      onCircuitTransition: (event) => this.#emitter.emit('circuit:transitioned', event),
      reportError: (operation, error) => this.#reportError(operation, error, 0),
    });
    this.#emitter.on('run:abandoned', ({ run }) => this.#hooks.runFinished(run));
  }

  // --- public API

  start(signal?: AbortSignal): Promise<JobPlan> {
    if (this.#halted) return Promise.reject(stateError('start() after stop(): create a new scheduler.'));
    if (this.#started) return Promise.reject(stateError('start() was already called.'));
    this.#started = true;
    return this.#start(signal);
  }

  stop(): Promise<void> {
    if (!this.#stopping) {
      this.#halted = true;
      this.#stopping = this.#stop();
    }
    return this.#stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  trigger<TResult>(job: JobDefinition<TResult>, options?: TriggerOptions): Promise<RunRecord<TResult>>;
  trigger(name: string, options?: TriggerOptions): Promise<RunRecord>;
  async trigger(job: string | JobDefinition<unknown>, options: TriggerOptions = {}): Promise<RunRecord> {
    const name = typeof job === 'string' ? job : job.name;
    const entry = this.#entry(name, 'trigger');
    await this.#ensureReady();
    this.#assertRunning('trigger');
    const nowDate = new Date(this.#nowMs());
    if (options.withDependencies) {
      const chain = upstreamChain(this.#o.jobs, name);
      for (const upstream of chain) {
        const record = await this.#runManual(this.#entry(upstream, 'trigger'), 'dependency', options.signal);
        if (record.status !== 'succeeded') {
          const reason = `dependency "${upstream}" ${record.status} (run ${record.id})`;
          return recordNotRun(this.#rt, entry, manualRequest(nowDate, 'manual'), 'skipped', reason);
        }
      }
    }
    return this.#runManual(entry, 'manual', options.signal);
  }

  async pause(name: string, options: { note?: string } = {}): Promise<void> {
    this.#entry(name, 'pause');
    await this.#ensureReady();
    const state = await this.#o.store.updateJob(name, { paused: true, pauseNote: options.note ?? null });
    this.#applyState(name, state);
  }

  async resume(name: string): Promise<void> {
    this.#entry(name, 'resume');
    await this.#ensureReady();
    const state = await this.#o.store.updateJob(name, { paused: false, pauseNote: null });
    this.#applyState(name, state);
  }

  async backfill(name: string, options: BackfillOptions): Promise<RunRecord[]> {
    const entry = this.#entry(name, 'backfill');
    await this.#ensureReady();
    const slots = entry.schedule.slotsBetween(new Date(options.from.getTime() - 1), options.to, BACKFILL_LIMIT + 1);
    if (slots.length > BACKFILL_LIMIT) {
      throw new SchedulerError(
        'SCHEDULER_STATE',
        `backfill("${name}"): the range holds more than ${BACKFILL_LIMIT} slots; split it into smaller ranges.`,
      );
    }
    const records: RunRecord[] = [];
    for (const slot of slots) {
      options.signal?.throwIfAborted();
      this.#assertRunning('backfill');
      records.push(await runSlot(this.#rt, entry, backfillRequest(slot, options.signal)));
    }
    options.signal?.throwIfAborted();
    return records;
  }

  async status(): Promise<JobStatus[]> {
    await this.#openForReads();
    return buildStatus(this.#o.store, [...this.#jobs.values()], this.#active, this.#nowMs());
  }

  async plan(options: PlanOptions = {}): Promise<SchedulerPlan> {
    const count = options.count ?? 3;
    checkCount(count, 'plan()');
    checkAfter(options.after, 'plan()');
    await this.#openForReads();
    const afterMs = options.after?.getTime() ?? this.#nowMs();
    return buildPlan(this.#o.store, [...this.#jobs.values()], {
      removeMissing: this.#o.removeUnknownJobs,
      afterMs,
      count,
    });
  }

  async nextRuns(name: string, count: number, options: NextRunsOptions = {}): Promise<Date[]> {
    const entry = this.#entry(name, 'nextRuns');
    checkCount(count, `nextRuns("${name}")`);
    checkAfter(options.after, `nextRuns("${name}")`);
    await this.#openForReads();
    const state = await this.#o.store.getJob(name);
    return effectiveSchedule(entry, state).schedule.nextRuns(count, options.after ?? new Date(this.#nowMs()));
  }

  /** Set once the store was initialised for the read-only API (`status`, `plan`, `nextRuns`) before `start()`. */
  #storeOpened: Promise<void> | undefined;

  /** Initialises the store once, for reads: `start()`'s reconcile when it began, else `init()` alone (no write). */
  async #openForReads(): Promise<void> {
    if (this.#ready) {
      await this.#ready;
      return;
    }
    this.#storeOpened ??= this.#o.store.init().catch((error: unknown) => {
      this.#storeOpened = undefined;
      throw error;
    });
    await this.#storeOpened;
  }

  on<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): () => void {
    return this.#emitter.on(event, listener);
  }

  off<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): void {
    this.#emitter.off(event, listener);
  }

  // --- lifecycle

  #ensureReady(): Promise<JobPlan> {
    this.#ready ??= this.#prepare();
    return this.#ready;
  }

  async #prepare(): Promise<JobPlan> {
    const store = this.#o.store;
    await store.init();
    const plan = await store.reconcileJobs(
      [...this.#jobs.values()].map((entry) => specOf(entry)),
      { removeMissing: this.#o.removeUnknownJobs },
    );
    // The first poll reads what changed after this store time: not the rows reconcile itself just wrote.
    this.#jobsChangedSinceMs = await this.#measureOffset();
    // Rows reconcile just added carry no operator state yet (not paused, no override):
    // reading them back only costs time with many jobs. Otherwise read the operator state now.
    if (plan.added.length < this.#jobs.size) {
      // Overrides already in the store are not changes: no "Schedule changed" line at every start.
      for (const state of await store.listJobs()) this.#applyState(state.name, state, false);
    }
    return plan;
  }

  async #start(signal?: AbortSignal): Promise<JobPlan> {
    const plan = await this.#ensureReady();
    signal?.throwIfAborted();
    if (this.#halted) return plan;
    await this.#watchStore();
    await this.#reap();
    const nowMs = this.#nowMs();
    const entries = [...this.#jobs.values()];
    // A job new to the store starts from now (nothing to catch up); the others from their last slot.
    const added = new Set(plan.added);
    const lastSlots = await Promise.all(
      entries.map((entry) => (added.has(entry.def.name) ? undefined : this.#o.store.lastSlot(entry.def.name))),
    );
    entries.forEach((entry, i) => {
      entry.cursorMs = lastSlots[i]?.getTime() ?? nowMs;
      this.#push(entry);
    });
    // A store that reports every change is read once more now (what changed before the
    // subscription began), then never polled; the others every poll interval.
    this.#nextMaintenanceMs = this.#changes.complete ? nowMs : nowMs + this.#o.pollIntervalMs;
    signal?.throwIfAborted();
    this.#emitter.emit('scheduler:started', { instanceId: this.instanceId, plan });
    this.#hooks.started();
    // Debug: the host logs its own lifecycle (with what it knows) from the `scheduler:started` event.
    this.#o.logger.debug('Scheduler started', { instanceId: this.instanceId, jobs: entries.length });
    await this.#tick();
    return plan;
  }

  async #stop(): Promise<void> {
    this.#timer.dispose();
    this.#heap.clear();
    const reason = new JobCancelledError('shutdown', 'The scheduler is stopping.');
    this.#stopController.abort(reason);
    for (const active of this.#active.values()) active.controller.abort(reason);
    const cancelled = await drainRuns(this.#rt, this.#tasks, this.#o.shutdownGraceMs);
    this.#o.logger.debug('Scheduler stopped', { instanceId: this.instanceId, cancelled });
    await this.#hooks.stopped();
    this.#emitter.emit('scheduler:stopped', { instanceId: this.instanceId, cancelled });
  }

  // --- the timer loop

  #onWake(wake: Wake): void {
    if (wake.jumpMs !== 0) {
      const fields = { fromMs: wake.nowMs - wake.jumpMs, toMs: wake.nowMs, deltaMs: wake.jumpMs };
      this.#o.logger.warn('Clock jump detected; due slots go through the catch-up policy', fields);
      this.#emitter.emit('schedule:clock-jumped', fields);
    }
    if (wake.lateByMs > 0 && wake.jumpMs >= 0 && wake.lateByMs >= 1_000) {
      const event = { expectedAt: new Date(wake.expectedMs), wokeAt: new Date(wake.nowMs), lateByMs: wake.lateByMs };
      this.#o.logger.warn('Timer woke late', { lateByMs: wake.lateByMs });
      this.#emitter.emit('schedule:wake-delayed', event);
    }
    // Slots at the target are due even when the timer fired a millisecond early.
    this.#wakeDueMs = wake.dueMs;
    const leadOnly = wake.reachedTarget && wake.jumpMs === 0 && this.#timer.targetMs === this.#leadTargetMs;
    void this.#tick(leadOnly);
  }

  /** @param leadOnly - a pre-claim wake: only claims the slots within the lead (no maintenance, no alert scan). */
  async #tick(leadOnly = false): Promise<void> {
    if (this.#ticking) {
      this.#tickAgain = true;
      return;
    }
    this.#ticking = true;
    try {
      do {
        this.#tickAgain = false;
        // Due slots first (a run starts within microseconds of its wake), store maintenance after;
        // slots are handled even when the store poll fails, so the timer never spins on a past target.
        const nowMs = Math.max(this.#nowMs(), this.#wakeDueMs);
        this.#processDue(nowMs);
        this.#wakeDueMs = 0;
        if (leadOnly) break;
        if (nowMs >= this.#slotWakeMs) this.#slotWakeMs = Number.POSITIVE_INFINITY;
        await this.#maintainOrBackOff();
        this.#hooks.wake(this.#nowMs());
      } while (this.#tickAgain && !this.#halted);
    } catch (error) {
      this.#reportError('tick', error, 0);
    } finally {
      this.#ticking = false;
      this.#arm();
    }
  }

  /** Store maintenance; on failure logs, emits `scheduler:operation-failed` and retries later with capped exponential backoff. */
  async #maintainOrBackOff(): Promise<void> {
    try {
      await this.#maintain();
      this.#failures = 0;
    } catch (error) {
      this.#failures++;
      const retryInMs = backoffDelayMs(this.#failures, MAINTENANCE_BACKOFF);
      this.#nextMaintenanceMs = this.#nowMs() + retryInMs;
      this.#nextReapMs = this.#nextMaintenanceMs;
      this.#reportError('store maintenance (poll jobs, reap expired leases, measure clock offset)', error, retryInMs);
    }
  }

  #arm(): void {
    if (this.#halted || !this.#started) return;
    const top = this.#heap.peek();
    const entry = top && this.#jobs.get(top.value.name);
    const leadMs = top && entry && canPreclaim(entry) ? top.at - PRECLAIM_LEAD_MS : Number.NaN;
    const slotMs = Number.isNaN(leadMs) ? (top?.at ?? Number.POSITIVE_INFINITY) : leadMs;
    const targetMs = Math.min(slotMs, this.#nextMaintenanceMs, this.#nextReapMs, this.#slotWakeMs);
    this.#leadTargetMs = targetMs === leadMs && targetMs < this.#slotWakeMs ? leadMs : Number.NaN;
    this.#timer.arm(targetMs);
  }

  async #maintain(): Promise<void> {
    const nowMs = this.#nowMs();
    if (nowMs >= this.#nextMaintenanceMs) {
      this.#nextMaintenanceMs = nowMs + this.#pollEveryMs();
      this.#changes.takeJobs(); // the poll reads them
      await this.#pollJobs(await this.#measureOffset());
    } else {
      await this.#readChangedJobs();
    }
    if (nowMs >= this.#nextReapMs) {
      this.#nextReapMs = nowMs + MIN_REAP_GAP_MS;
      await this.#reap();
      await this.#recoverLostSlots();
    }
  }

  /** Handles the slots due at `nowMs`, and pre-claims the ones within {@link PRECLAIM_LEAD_MS} after it that allow it. */
  #processDue(nowMs: number): void {
    if (this.#halted) return;
    const horizonMs = nowMs + PRECLAIM_LEAD_MS;
    const later: { at: number; value: { name: string; generation: number } }[] = [];
    for (let at = this.#heap.peekAt(); at !== undefined && at <= horizonMs; at = this.#heap.peekAt()) {
      const top = this.#heap.pop()!;
      const entry = this.#jobs.get(top.value.name);
      if (!entry || entry.generation !== top.value.generation) continue;
      if (top.at <= nowMs) this.#handleDue(entry, nowMs);
      else if (canPreclaim(entry)) this.#preclaim(entry, top.at);
      else later.push(top);
    }
    for (const top of later) this.#heap.push(top.at, top.value);
  }

  /** Claims the job's next slot `slotMs` now (a few ms ahead); the run starts at the slot. */
  #preclaim(entry: JobEntry, slotMs: number): void {
    entry.cursorMs = slotMs;
    this.#slotWakeMs = Math.min(this.#slotWakeMs, slotMs);
    this.#trackSlot(entry, slotMs, runSlot(this.#rt, entry, preclaimRequest(slotMs)));
    this.#push(entry);
  }

  /** Slots in `(cursor, now]`: the newest runs normally when on time; the others go through the catch-up policy. */
  #handleDue(entry: JobEntry, nowMs: number): void {
    const { onTime, gap } = dueSlots(entry.schedule, entry.cursorMs, nowMs);
    entry.cursorMs = Math.max(entry.cursorMs, nowMs);
    if (entry.state?.paused) {
      if (onTime) this.#track(recordNotRun(this.#rt, entry, slotRequest(onTime, 'schedule'), 'skipped', 'paused'));
    } else {
      const catchUp = gap && { ...gap, nowMs };
      // A catch-up that runs slots goes first and the on-time slot after it (like `buffer-one`):
      // started together, the overlap policy would skip one of them and a catch-up run would be lost.
      // A catch-up that only records `missed` slots does not hold the on-time run back.
      const runsFirst = catchUp !== undefined && planCatchUp(entry.schedule, entry.def.catchUp, catchUp).run.length > 0;
      if (catchUp) {
        const firstMs = entry.schedule.next(new Date(catchUp.afterMs))?.getTime() ?? catchUp.upToMs;
        const then = runsFirst ? onTime : undefined;
        this.#trackSlot(entry, firstMs, this.#catchUpThenOnTime(entry, catchUp, then));
      }
      if (onTime && !runsFirst) {
        this.#trackSlot(entry, onTime.getTime(), runSlot(this.#rt, entry, slotRequest(onTime, 'schedule')));
      }
    }
    this.#push(entry);
  }

  async #catchUpThenOnTime(
    entry: JobEntry,
    gap: { afterMs: number; upToMs: number; nowMs: number },
    onTime: Date | undefined,
  ): Promise<void> {
    await runCatchUp(this.#rt, entry, gap, this.#stopController.signal);
    if (onTime && !this.#halted) await runSlot(this.#rt, entry, slotRequest(onTime, 'schedule'));
  }

  #push(entry: JobEntry): void {
    const next = entry.schedule.next(new Date(entry.cursorMs));
    entry.generation++;
    if (next) this.#heap.push(next.getTime(), { name: entry.def.name, generation: entry.generation });
  }

  /**
   * Tracks the handling of due slots from `firstMs` on. A rejection means the
   * store failed before the slot was claimed (a claimed run records its own
   * failure): the slot was neither run nor recorded, so the job is marked for
   * {@link SchedulerEngine.#recoverLostSlots}.
   */
  #trackSlot(entry: JobEntry, firstMs: number, task: Promise<unknown>): void {
    this.#track(
      task.catch((error: unknown) => {
        if (this.#halted) throw error;
        const name = entry.def.name;
        this.#lost.set(name, Math.min(this.#lost.get(name) ?? firstMs, firstMs));
        this.#nextReapMs = Math.min(this.#nextReapMs, this.#nowMs() + MIN_REAP_GAP_MS);
        if (!this.#ticking) this.#arm();
        this.#reportError(`slot of "${name}" (neither run nor recorded; caught up once the store answers)`, error, 0);
      }),
    );
  }

  /**
   * Part of store maintenance (so it retries with the same backoff while the
   * store still fails): moves the cursor of each job with a lost slot back to
   * its last recorded slot (never before the lost one), as `start()` does; the
   * next pass of due slots finds the gap and applies the catch-up policy.
   */
  async #recoverLostSlots(): Promise<void> {
    for (const [name, firstMs] of [...this.#lost]) {
      if (this.#halted) return;
      const last = await this.#o.store.lastSlot(name);
      this.#lost.delete(name);
      const entry = this.#jobs.get(name);
      if (!entry) continue;
      entry.cursorMs = Math.min(entry.cursorMs, Math.max(last?.getTime() ?? Number.NEGATIVE_INFINITY, firstMs - 1));
      this.#push(entry);
      this.#tickAgain = true;
    }
  }

  #track(task: Promise<unknown>): void {
    const tracked = task.catch((error: unknown) => this.#reportError('run', error, 0));
    this.#tasks.add(tracked);
    void tracked.finally(() => this.#tasks.delete(tracked));
  }

  // --- store-driven maintenance

  /**
   * Abandons expired leases (any instance's) and plans the next reap: at the next lease
   * expiry the store reports, at most a lease period away, at least {@link MIN_REAP_GAP_MS}
   * (sooner while slots wait to be recovered).
   */
  async #reap(): Promise<void> {
    const { abandoned, nextLeaseExpiresAt } = await this.#o.store.reapExpiredRuns();
    const nowMs = this.#nowMs();
    this.#changes.reaped(nowMs, nextLeaseExpiresAt?.getTime());
    // A store that reports every claim needs no look until a known lease can expire.
    const capMs = this.#changes.complete ? Number.POSITIVE_INFINITY : nowMs + this.#o.leaseMs;
    const nextMs = Math.min(nextLeaseExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY, capMs);
    this.#nextReapMs = this.#lost.size > 0 ? nowMs + MIN_REAP_GAP_MS : Math.max(nextMs, nowMs + MIN_REAP_GAP_MS);
    for (const run of abandoned) {
      this.#o.logger.warn('Run abandoned by its owner (lease expired)', { job: run.job, runId: run.id });
      this.#emitter.emit('run:abandoned', { run });
      const entry = this.#jobs.get(run.job);
      const rerun = run.trigger === 'schedule' || run.trigger === 'catch-up';
      if (!entry || !rerun || !this.#started || this.#halted) continue;
      const request: SlotRequest = { ...slotRequest(run.scheduledFor, run.trigger), claimKey: run.claimKey };
      this.#track(runSlot(this.#rt, entry, request));
    }
  }

  /**
   * Applies the job rows changed since the last read (operator pauses, schedule overrides,
   * circuit state). @param readAtMs - the store's time just before this read
   */
  async #pollJobs(readAtMs: number): Promise<void> {
    const since = this.#jobsChangedSinceMs;
    const states = await this.#o.store.listJobs(since === undefined ? {} : { updatedSince: new Date(since) });
    for (const state of states) this.#applyState(state.name, state);
    this.#jobsChangedSinceMs = readAtMs - JOB_POLL_OVERLAP_MS;
  }

  /** Subscribes to the store's changes, if it reports them; without, it is polled. */
  async #watchStore(): Promise<void> {
    try {
      await this.#changes.subscribe(this.#o.store, this.#stopController.signal);
    } catch (error) {
      this.#reportError('store watch (changes are polled instead)', error, 0);
    }
  }

  /** Reads the job rows the store reported changed (all of them after a `resync`). */
  async #readChangedJobs(): Promise<void> {
    const names = this.#changes.takeJobs();
    try {
      if (names === 'all') await this.#pollJobs(this.#nowMs());
      else for (const name of names) this.#applyState(name, await this.#o.store.getJob(name));
    } catch (error) {
      this.#changes.restore(names);
      throw error;
    }
  }

  /** A run was claimed (reap when its lease can expire) or ended (wake who waits for it). */
  #onRunChanged(job: string, leaseMs: number | undefined): void {
    if (!this.#started || this.#halted) return;
    if (leaseMs !== undefined) {
      this.#nextReapMs = Math.min(this.#nextReapMs, leaseMs);
    } else {
      this.#endWaiters.notify(job);
      if (!this.#changes.complete || this.#lost.size > 0 || this.#failures > 0) return;
      this.#nextReapMs = Math.max(this.#changes.nextLeaseExpiryMs(), this.#nowMs() + MIN_REAP_GAP_MS);
    }
    if (!this.#ticking) this.#arm();
  }

  /** Runs a pass of the loop now (a reported change), or once more after the current one. */
  #kick(): void {
    if (!this.#started || this.#halted) return;
    if (this.#ticking) this.#tickAgain = true;
    else void this.#tick();
  }

  #pollEveryMs(): number {
    return this.#changes.complete ? Number.POSITIVE_INFINITY : this.#o.pollIntervalMs;
  }

  /** @param announce - log a changed schedule (false for the state read at start) */
  #applyState(name: string, state: JobState | undefined, announce = true): void {
    const entry = this.#jobs.get(name);
    if (!entry || !state) return;
    try {
      if (!applyJobState(entry, state)) return;
      if (announce) this.#o.logger.info('Schedule changed', { job: name, schedule: entry.expression });
      if (this.#started && !this.#halted) {
        entry.cursorMs = Math.max(entry.cursorMs, this.#nowMs());
        this.#push(entry);
      }
    } catch (error) {
      const retryMs = this.#pollEveryMs();
      this.#reportError(`schedule override of "${name}"`, error, Number.isFinite(retryMs) ? retryMs : 0);
    }
  }

  /** Measures the offset to the store's clock (warns on skew); returns the store time it read. */
  async #measureOffset(): Promise<number> {
    const { offsetMs, storeNowMs } = await measureStoreOffset(this.#o.clock, this.#o.store);
    // Below a second is measurement noise (a network round trip), not skew.
    this.#offsetMs = Math.abs(offsetMs) >= 1_000 ? offsetMs : 0;
    const skewed = Math.abs(offsetMs) > 5_000;
    if (skewed && !this.#skewed) {
      this.#o.logger.warn('Local clock differs from the store clock; slots are evaluated in store time', { offsetMs });
      this.#emitter.emit('clock:skew-detected', { offsetMs });
    }
    this.#skewed = skewed;
    return storeNowMs;
  }

  // --- helpers

  #nowMs(): number {
    return this.#o.clock.now() + this.#offsetMs;
  }

  #entry(name: string, where: string): JobEntry {
    const entry = this.#jobs.get(name);
    if (!entry) throw new UnknownJobError(name, [...this.#jobs.keys()], `${where}()`);
    return entry;
  }

  #assertRunning(operation: string): void {
    if (this.#halted) throw stateError(`${operation}() after stop(): the scheduler no longer starts runs.`);
  }

  #runManual(entry: JobEntry, trigger: RunTrigger, signal: AbortSignal | undefined): Promise<RunRecord> {
    const request = manualRequest(new Date(this.#nowMs()), trigger);
    if (signal) request.signal = signal;
    return runSlot(this.#rt, entry, request);
  }

  #onRunFinished(run: RunRecord): void {
    this.#emitter.emit('run:finished', { run });
    this.#hooks.runFinished(run);
  }

  #reportError(operation: string, error: unknown, retryInMs: number): void {
    this.#o.logger.error(`Scheduler ${operation} failed${retryInMs > 0 ? `; retrying in ${retryInMs} ms` : ''}`, {
      operation,
      error,
    });
    this.#emitter.emit('scheduler:operation-failed', { error: serializeError(error), operation, retryInMs });
  }

  #makeRuntime(): Runtime {
    const o = this.#o;
    return {
      store: o.store,
      clock: o.clock,
      logger: childLogger(o.logger, { instanceId: this.instanceId }),
      emitter: this.#emitter,
      instanceId: this.instanceId,
      leaseMs: o.leaseMs,
      gate: new ConcurrencyGate(o.maxConcurrency),
      jobs: this.#jobs,
      active: this.#active,
      nowMs: () => this.#nowMs(),
      isStopping: () => this.#halted,
      waitForRunEnd: (job, timeoutMs, signal) => this.#endWaiters.wait(job, timeoutMs, signal),
      onRunFinished: (run) => this.#onRunFinished(run),
      circuitGate: (job) => this.#hooks.gate(job),
      runEnded: (job) => this.#endWaiters.notify(job),
      reportError: (operation, error, retryInMs) => this.#reportError(operation, error, retryInMs),
    };
  }
}

function stateError(message: string): SchedulerError {
  return new SchedulerError('SCHEDULER_STATE', `Scheduler: ${message}`);
}
