import type { AlertOptions, Notifier } from '../alerts/types.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { ExternalJobSource } from '../job/external-jobs.js';
import type { JobDefinition } from '../job/types.js';
import type { SchedulerEventMap, SchedulerListener } from '../run/events.js';
import type { RunObserver } from '../run/observer.js';
import type { CircuitState, JobPlan, RunRecord, RunTrigger, Store } from '../store/types.js';
import type { JobStateName, NextRunsOptions, PlanOptions, RunInProgress, SchedulerPlan } from './inspect-types.js';
import type { OperatorActionOptions, OperatorOptions, PauseOptions } from './operator-types.js';
import type { InstancesView, SlotAudit, SlotAuditOptions, SlotClass } from './slot-audit-types.js';

export type { OperatorActionOptions, OperatorOptions, PauseOptions, SchedulerListener };

/** Options of `createScheduler`. */
export interface SchedulerOptions {
  /** The jobs, from `defineJob`. Names must be unique; dependencies must exist and not form a cycle. */
  jobs: readonly JobDefinition[];
  /** Jobs other systems run (pg_cron: `pgCronJobs()` from `@pokemon/scheduler/pg-cron`), beside `jobs`. @default [] */
  externalJobs?: readonly ExternalJobSource[];
  /** Where job state, history and claims live. Use `createMemoryStore()` for a single process without persistence. */
  store: Store;
  /** Time source. @default systemClock */
  clock?: Clock;
  /** Default IANA timezone of jobs that name none. @default 'UTC' */
  timezone?: string;
  /** Most runs at once across all jobs; due runs wait in slot order. @default 3 */
  maxConcurrency?: number;
  /** @default silentLogger */
  logger?: Logger;
  /** Where alerts go (Slack, a log, your own: `fanOut`, `logNotifier`, `/slack`); without it no alert is evaluated. */
  notifier?: Notifier;
  /** The alert policy (rules, cooldown, rate limit); each field can be overridden per job with `defineJob({ alerts })`. */
  alerts?: AlertOptions;
  /** Follows every run: `openTelemetry()`, outside monitors or any {@link RunObserver}; none delays a run. @default [] */
  observers?: readonly RunObserver[];
  /** Identifies this instance in claims and history. @default a random id */
  instanceId?: string;
  /** Lease of a claimed run, renewed by heartbeats; another instance takes a run over after it expires. @default 30000 */
  leaseMs?: number;
  /**
   * How often the store is read for job changes made elsewhere (pause, resume, schedule
   * override), ms. A store that reports every change (the memory store) is never polled;
   * one that reports changes as they happen but may drop some (PostgreSQL with
   * `LISTEN/NOTIFY`) is polled as well, as a fallback; the others (SQLite) only are.
   * @default 30000
   */
  pollIntervalMs?: number;
  /** How long `stop()` waits for running jobs after aborting them. @default 30000 */
  shutdownGraceMs?: number;
  /** Remove store rows of jobs no longer defined in code when starting. @default false */
  removeUnknownJobs?: boolean;
  /**
   * Longest single timer wait, ms: the clock is re-read at least this often, so a
   * wall-clock jump (suspend, NTP step) is noticed within it. Waits for slots further
   * away are re-armed, so setTimeout's 2^31-1 ms limit never applies. Between 1000 and 2147483647.
   * @default 60000; with a clock that reports its jumps (`Clock.onJump`, as the fake
   * clock does), no cap but setTimeout's: a jump is seen when it happens
   */
  maxTimerDelayMs?: number;
  /**
   * Whether the started scheduler keeps the Node process alive (its one wake timer is a
   * normal, ref'd timer), like a server does. `false` unrefs it, so an idle process
   * exits (a run in progress still holds it through its own waits). Lease heartbeat
   * timers are always unref'd. @default true
   */
  keepAlive?: boolean;
  /**
   * How long audit log entries are kept (see `Store.listAudit`): older ones are deleted
   * (`Store.pruneAudit`) at start and about once a day while the scheduler runs. Nothing else
   * deletes an entry.
   * @default 7776000000 (90 days)
   */
  auditRetentionMs?: number;
}

/** Options of {@link Scheduler.trigger}. */
export interface TriggerOptions extends OperatorOptions {
  /** Run the upstream chain first, in dependency order, stopping at the first failure. @default false */
  withDependencies?: boolean;
  /** Aborts the triggered run(s) (the job sees a `JobCancelledError('user')`). */
  signal?: AbortSignal;
}

/** Options of {@link Scheduler.backfill}. */
export interface BackfillOptions extends OperatorOptions {
  /** First slot considered (inclusive). */
  from: Date;
  /** Last slot considered (inclusive). */
  to: Date;
  /** Aborts the remaining backfill. */
  signal?: AbortSignal;
}

/**
 * One job as seen by {@link Scheduler.status}: its operator state from the store, its runs in
 * progress on every instance sharing the store, its recent outcomes (manual runs included) and
 * its next slots.
 */
export interface JobStatus {
  /** Job name. */
  name: string;
  /** The job's description. */
  description: string | undefined;
  /** Effective schedule (an operator override when set). */
  schedule: string;
  /** IANA timezone the schedule is evaluated in. */
  timezone: string;
  /** Names of the jobs this one depends on. */
  dependsOn: readonly string[];
  /** `paused` by an operator, `circuit-open`, or `active`. */
  state: JobStateName;
  /** The operator's note when paused. */
  pauseNote: string | undefined;
  /** The circuit breaker's stored state. */
  circuit: CircuitState;
  /** Runs of this job in progress on this instance. */
  running: number;
  /** Runs of this job waiting for a concurrency slot on this instance. */
  waiting: number;
  /**
   * Runs of this job `running` in the store, on any instance (this one included), oldest slot
   * first, with their owner, progress and lease; `ownerDead` when the lease has expired.
   */
  inProgress: RunInProgress[];
  /** The latest run (any status, any trigger), from the store. */
  lastRun: RunRecord | undefined;
  /** The latest run that succeeded (any trigger, manual included). */
  lastSuccess: RunRecord | undefined;
  /** The latest run that failed or timed out (any trigger, manual included). */
  lastFailure: RunRecord | undefined;
  /** Failed or timed-out runs since the last success, over all history (the failure streak). */
  consecutiveFailures: number;
  /**
   * succeeded / (succeeded + failed + timed_out) over the runs scheduled in the last 7 days
   * (store clock), or `undefined` when there is none.
   */
  successRate7d: number | undefined;
  /** The next slots (up to 3) of the effective schedule, after the job's DST policy. */
  nextRuns: Date[];
}

/**
 * A running scheduler, from `createScheduler`.
 */
export interface Scheduler extends AsyncDisposable, InstancesView {
  /** This instance's id. */
  readonly instanceId: string;
  /** Initialises the store, reconciles job definitions, recovers expired leases, applies catch-up, arms the timer. Returns the reconcile plan. */
  start(signal?: AbortSignal): Promise<JobPlan>;
  /** Graceful stop: no new claims, abort running jobs, wait up to `shutdownGraceMs`, record leftovers `cancelled`. Idempotent. Does not close the store. */
  stop(): Promise<void>;
  /**
   * Runs a job now (trigger `manual`) and resolves with its final record (it never rejects
   * because the job failed: look at `status`). The overlap policy applies; a pause, an open
   * circuit and the dependency freshness check do not (an operator asked for it).
   * With `withDependencies`, the upstream chain runs first (trigger `dependency`), in order;
   * at the first upstream that does not succeed, the job is recorded `skipped` with reason
   * `dependency "<name>" <status> (run <id>)` and that record is returned.
   * Works before `start()` (the store is initialised and jobs reconciled once; no timer is armed).
   * Throws `UnknownJobError` for an unknown name, `SchedulerError` (`SCHEDULER_STATE`) after `stop()`.
   *
   * Given the job's definition rather than its name, the record's `result` has the job's result type.
   *
   * @example
   * ```ts
   * const run = await scheduler.trigger(syncSets); // RunRecord<{ inserted: number }>
   * if (run.status === 'succeeded') console.log(run.result?.inserted);
   * ```
   */
  trigger<TResult>(job: JobDefinition<TResult>, options?: TriggerOptions): Promise<RunRecord<TResult>>;
  /** Runs the job named `name` now; see the overload taking a definition. */
  trigger(name: string, options?: TriggerOptions): Promise<RunRecord>;
  /**
   * Pauses a job (in the store, so every instance honours it: at once with a store that reports its changes, else within `pollIntervalMs`). Its slots are
   * recorded `skipped` with reason `paused`; runs in progress continue.
   *
   * @remarks
   * Operator actions (`pause`, `resume`, `overrideSchedule`, `trigger`, `backfill`) are recorded
   * in the store's audit log with their `actor` (default `api`), this instance, and the job's
   * state before and after; so are the changes `start()` makes to the job table (actor `deploy`).
   */
  pause(name: string, options?: PauseOptions): Promise<void>;
  /** Resumes a paused job. */
  resume(name: string, options?: OperatorActionOptions): Promise<void>;
  /**
   * Replaces the job's schedule with `cron` on every instance sharing the store (as a pause
   * reaches them), until cleared with `null`; the code's schedule is then used again. The
   * expression is evaluated in the job's timezone with its DST options. Survives deploys.
   * Throws `InvalidScheduleError` (naming the job) for an expression that does not parse,
   * `UnknownJobError` for an unknown name.
   */
  overrideSchedule(name: string, cron: string | null, options?: OperatorActionOptions): Promise<void>;
  /** Replays the job's slots in `[from, to]` (trigger `backfill`), oldest first; the overlap policy applies. */
  backfill(name: string, options: BackfillOptions): Promise<RunRecord[]>;
  /**
   * Every job's status, read from the store (see {@link JobStatus}): operator state, runs in
   * progress on any instance sharing the store (an owner whose lease expired is reported dead),
   * last run, last success and last failure, failure streak, 7-day success rate, and next runs.
   * Reads only: before `start()` it initialises the store (`init()`) and writes nothing else, so it
   * works on a read-only store. One `jobStats` query per job.
   */
  status(): Promise<JobStatus[]>;
  /**
   * What `start()` would add, change or remove in the store's job table, computed from one read of
   * it (`listJobs`) without writing anything, and each job's next `count` runs (default 3) after
   * operator overrides, in the job's timezone and DST policy, with its paused or circuit state.
   * Works before and after `start()` (initialising the store once when needed).
   * Throws a `RangeError` for a `count` outside 0-1000.
   */
  plan(options?: PlanOptions): Promise<SchedulerPlan>;
  /**
   * The next `count` slots of a job strictly after `options.after` (default: now), oldest first,
   * from its effective schedule: the operator's override stored for it wins over the code's
   * expression (read from the store on each call), evaluated in the job's timezone with its DST
   * policy (`dst.gap`, `dst.repeat`). Slots, not start times (no jitter). A paused job's slots are
   * listed too. Works before `start()` (one read of the store).
   * Throws `UnknownJobError` for an unknown name, a `RangeError` for a `count` outside 0-1000.
   */
  nextRuns(name: string, count: number, options?: NextRunsOptions): Promise<Date[]>;
  /**
   * Did every slot run, and if not, why? Recomputes each slot a job should have had in
   * `[from, to)` from its schedule history (the definitions deployed, operator overrides and
   * pauses, as the audit log recorded them; the job's timezone and DST policy) and classifies
   * each exactly once (see {@link SlotClass}): `on-time`, `late`, `caught-up`, `backfilled`,
   * `skipped` (overlap, dependency, circuit open, paused), `missed` (catch-up policy, window, cap)
   * or `unknown` (no instance was running, or nothing was recorded). Manual and backfill runs
   * never count as scheduled slots (a backfill only accounts for a slot that had no run).
   * Reads only. Throws `UnknownJobError` for an unknown `job`, `InvalidOptionError` for a bad range.
   *
   * @remarks
   * A job with no audit log entry (a store older than its first deploy, or entries pruned past
   * `auditRetentionMs`) is audited with its current schedule over the whole range.
   *
   * @example
   * ```ts
   * const audit = await scheduler.auditSlots({ job: 'backup-database', from: lastMonth, to: now });
   * console.log(audit.jobs[0]?.counts); // { 'on-time': 29, missed: 1, ... }
   * ```
   */
  auditSlots(options: SlotAuditOptions): Promise<SlotAudit>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): () => void;
  /** Unsubscribes. */
  off<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): void;
}

/** Re-exported for convenience. */
export type { RunTrigger };
