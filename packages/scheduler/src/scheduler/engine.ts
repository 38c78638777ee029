import { createSchedulerHooks, type SchedulerHooks } from '../alerts/scheduler-hooks.js';
import { JobCancelledError } from '../core/errors.js';
import type { JobDefinition } from '../job/types.js';
import { SchedulerEmitter } from '../run/emitter.js';
import type { SchedulerEventMap } from '../run/events.js';
import type { ActiveRun, JobEntry } from '../run/runtime.js';
import type { JobPlan, RunRecord } from '../store/types.js';
import { StoreClock } from './clock-offset.js';
import { createRuntime, type EngineContext } from './engine-context.js';
import { ExternalSources } from './external-sources.js';
import type { NextRunsOptions, PlanOptions, SchedulerPlan } from './inspect-types.js';
import { jobEntries } from './job-entry.js';
import { Lifecycle } from './lifecycle.js';
import { Maintenance } from './maintenance.js';
import { backfillRuns, entryOf, runnableEntryOf, triggerRun } from './manual-runs.js';
import { checkAfter, checkCount, effectiveSchedule } from './next-runs.js';
import { OperatorActions } from './operator-actions.js';
import { buildPlan } from './plan.js';
import { reportOperationError } from './report-error.js';
import { RunEndWaiters } from './run-end-waiters.js';
import { drainRuns } from './shutdown.js';
import { auditSlots } from './slot-audit.js';
import type { SchedulerInstance, SlotAudit, SlotAuditOptions } from './slot-audit-types.js';
import { SlotRouter } from './slot-router.js';
import { buildStatus, schedulerInstances } from './status.js';
import { StoreReadiness } from './store-readiness.js';
import type {
  BackfillOptions,
  JobStatus,
  OperatorActionOptions,
  PauseOptions,
  Scheduler,
  SchedulerListener,
  TriggerOptions,
} from './types.js';
import type { ResolvedOptions } from './validate-options.js';
import { WakeLoop } from './wake-loop.js';

/**
 * The scheduler: public API and lifecycle ({@link Lifecycle}). The duties are its parts: the
 * wake loop ({@link WakeLoop}), slot routing ({@link SlotRouter}), store maintenance
 * ({@link Maintenance}); runs go through `runSlot` (claim → dependencies → gate → attempts).
 *
 * @internal
 */
export class SchedulerEngine implements Scheduler {
  readonly instanceId: string;
  readonly #o: ResolvedOptions;
  readonly #emitter: SchedulerEmitter;
  readonly #jobs = new Map<string, JobEntry>();
  readonly #active = new Map<string, ActiveRun>();
  readonly #tasks = new Set<Promise<unknown>>();
  readonly #endWaiters: RunEndWaiters;
  readonly #stopController = new AbortController();
  readonly #lifecycle = new Lifecycle();
  readonly #clock: StoreClock;
  readonly #hooks: SchedulerHooks;
  readonly #ctx: EngineContext;
  readonly #router: SlotRouter;
  readonly #maintenance: Maintenance;
  readonly #loop: WakeLoop;
  readonly #store: StoreReadiness;
  readonly #operator: OperatorActions;
  #stopping: Promise<void> | undefined;

  constructor(options: ResolvedOptions) {
    this.#o = options;
    this.instanceId = options.instanceId;
    this.#emitter = new SchedulerEmitter(options.logger);
    this.#endWaiters = new RunEndWaiters(options.clock);
    for (const entry of jobEntries(options)) this.#jobs.set(entry.def.name, entry);
    this.#clock = new StoreClock(options.clock, options.store, options.logger, this.#emitter);
    const nowMs = (): number => this.#clock.nowMs();
    const reportError = (operation: string, error: unknown, retryInMs: number): void =>
      reportOperationError(this.#o.logger, this.#emitter, operation, error, retryInMs);
    this.#hooks = createSchedulerHooks({
      ...options,
      scheduleOf: (job) => this.#jobs.get(job)?.schedule,
      nowMs,
      onCircuitTransition: (event) => this.#emitter.emit('circuit:transitioned', event),
      reportError: (operation, error) => reportError(operation, error, 0),
    });
    this.#ctx = {
      o: options,
      external: new ExternalSources(options, nowMs, reportError, (run) => this.#onRunFinished(run)),
      jobs: this.#jobs,
      emitter: this.#emitter,
      lifecycle: this.#lifecycle,
      rt: createRuntime({
        options,
        instanceId: this.instanceId,
        emitter: this.#emitter,
        jobs: this.#jobs,
        active: this.#active,
        nowMs,
        isStopping: () => this.#lifecycle.halted,
        endWaiters: this.#endWaiters,
        hooks: this.#hooks,
        onRunFinished: (run) => this.#onRunFinished(run),
        reportError,
      }),
      hooks: this.#hooks,
      stopSignal: this.#stopController.signal,
      nowMs,
      track: (task) => this.#track(task),
      reportError,
    };
    this.#router = new SlotRouter(this.#ctx, (job, firstMs, error) => this.#maintenance.slotLost(job, firstMs, error));
    const wakeup = { kick: () => this.#loop.kick(), again: () => this.#loop.again(), rearm: () => this.#loop.rearm() };
    this.#maintenance = new Maintenance(this.#ctx, this.#router, this.#clock, wakeup);
    this.#loop = new WakeLoop(this.#ctx, this.#router, this.#maintenance);
    this.#store = new StoreReadiness(this.#ctx, this.#jobs, this.#clock, this.#maintenance.sync);
    this.#operator = new OperatorActions(this.#ctx, this.#maintenance.sync, () => this.#store.ready());
    this.#emitter.on('run:abandoned', ({ run }) => this.#hooks.runFinished(run));
  }

  // --- public API

  async start(signal?: AbortSignal): Promise<JobPlan> {
    this.#lifecycle.beginStart(); // throws (a rejection) when already started or stopped
    return this.#start(signal);
  }

  stop(): Promise<void> {
    if (this.#lifecycle.beginStop()) this.#stopping = this.#stop();
    return this.#stopping!;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  trigger<TResult>(job: JobDefinition<TResult>, options?: TriggerOptions): Promise<RunRecord<TResult>>;
  trigger(name: string, options?: TriggerOptions): Promise<RunRecord>;
  async trigger(job: string | JobDefinition<unknown>, options: TriggerOptions = {}): Promise<RunRecord> {
    const parents = this.#ctx.rt.observers.capture(); // the caller's context, before any await
    const entry = runnableEntryOf(this.#ctx, typeof job === 'string' ? job : job.name, 'trigger');
    await this.#store.ready();
    return triggerRun(this.#ctx, entry, options, parents);
  }

  pause(name: string, options: PauseOptions = {}): Promise<void> {
    return this.#operator.pause(name, options);
  }

  resume(name: string, options: OperatorActionOptions = {}): Promise<void> {
    return this.#operator.resume(name, options);
  }

  overrideSchedule(name: string, cron: string | null, options: OperatorActionOptions = {}): Promise<void> {
    return this.#operator.overrideSchedule(name, cron, options);
  }

  async backfill(name: string, options: BackfillOptions): Promise<RunRecord[]> {
    const parents = this.#ctx.rt.observers.capture();
    const entry = runnableEntryOf(this.#ctx, name, 'backfill');
    await this.#store.ready();
    return backfillRuns(this.#ctx, entry, options, parents);
  }

  async status(): Promise<JobStatus[]> {
    await this.#store.openForReads();
    return buildStatus(this.#o.store, [...this.#jobs.values()], this.#active, this.#clock.nowMs());
  }

  async plan(options: PlanOptions = {}): Promise<SchedulerPlan> {
    const count = options.count ?? 3;
    checkCount(count, 'plan()');
    checkAfter(options.after, 'plan()');
    await this.#store.openForReads();
    const afterMs = options.after?.getTime() ?? this.#clock.nowMs();
    const removeMissing = this.#o.removeUnknownJobs;
    return buildPlan(this.#o.store, [...this.#jobs.values()], this.#ctx.external, { removeMissing, afterMs, count });
  }

  async nextRuns(name: string, count: number, options: NextRunsOptions = {}): Promise<Date[]> {
    const entry = entryOf(this.#ctx, name, 'nextRuns');
    checkCount(count, `nextRuns("${name}")`);
    checkAfter(options.after, `nextRuns("${name}")`);
    await this.#store.openForReads();
    const state = await this.#o.store.getJob(name);
    return effectiveSchedule(entry, state).schedule.nextRuns(count, options.after ?? new Date(this.#clock.nowMs()));
  }

  async auditSlots(options: SlotAuditOptions): Promise<SlotAudit> {
    await this.#store.openForReads();
    return auditSlots(this.#ctx, options);
  }

  instances(): Promise<SchedulerInstance[]> {
    return this.#store.openForReads().then(() => schedulerInstances(this.#ctx));
  }

  on<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): () => void {
    return this.#emitter.on(event, listener);
  }

  off<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): void {
    this.#emitter.off(event, listener);
  }

  // --- lifecycle

  async #start(signal?: AbortSignal): Promise<JobPlan> {
    const plan = await this.#store.ready();
    signal?.throwIfAborted();
    if (this.#lifecycle.halted) return plan;
    await this.#maintenance.watchStore();
    await this.#maintenance.reap();
    this.#hooks.outage(await this.#maintenance.startLiveness());
    await this.#ctx.external.start(signal);
    const nowMs = this.#clock.nowMs();
    await this.#router.startCursors(plan, nowMs);
    this.#maintenance.schedulePolls(nowMs);
    signal?.throwIfAborted();
    this.#lifecycle.started();
    this.#emitter.emit('scheduler:started', { instanceId: this.instanceId, plan });
    this.#hooks.started();
    this.#o.logger.debug('Scheduler started', { instanceId: this.instanceId, jobs: this.#jobs.size });
    await this.#loop.tick();
    return plan;
  }

  async #stop(): Promise<void> {
    this.#loop.dispose();
    this.#router.clear();
    const reason = new JobCancelledError('shutdown', 'The scheduler is stopping.');
    this.#stopController.abort(reason);
    for (const active of this.#active.values()) active.controller.abort(reason);
    const cancelled = await drainRuns(this.#ctx.rt, this.#tasks, this.#o.shutdownGraceMs);
    await this.#maintenance.stopLiveness();
    await this.#ctx.external.stop();
    this.#o.logger.debug('Scheduler stopped', { instanceId: this.instanceId, cancelled });
    await this.#hooks.stopped();
    this.#lifecycle.stopped();
    this.#emitter.emit('scheduler:stopped', { instanceId: this.instanceId, cancelled });
  }

  #track(task: Promise<unknown>): void {
    const tracked = task.catch((error: unknown) => this.#ctx.reportError('run', error, 0));
    this.#tasks.add(tracked);
    void tracked.finally(() => this.#tasks.delete(tracked));
  }

  #onRunFinished(run: RunRecord): void {
    this.#emitter.emit('run:finished', { run });
    this.#hooks.runFinished(run);
  }
}
