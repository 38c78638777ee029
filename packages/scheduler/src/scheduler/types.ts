import type { AlertOptions, Notifier } from '../alerts/types.js';
import type { Clock } from '../clock.js';
import type { JobDefinition } from '../job/types.js';
import type { Logger } from '../logger.js';
import type { CircuitState, JobPlan, RunRecord, RunTrigger, Store } from '../store/types.js';
import type { SchedulerEventMap } from './events.js';

/** Options of `createScheduler`. */
export interface SchedulerOptions {
  /** The jobs, from `defineJob`. Names must be unique; dependencies must exist and not form a cycle. */
  jobs: readonly JobDefinition[];
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
  /**
   * Where alerts go (Slack, a log, your own): see `fanOut`, `logNotifier` and
   * `@pokemon/scheduler/slack`. Without it no alert is evaluated.
   */
  notifier?: Notifier;
  /** The alert policy (rules, cooldown, rate limit); each field can be overridden per job with `defineJob({ alerts })`. */
  alerts?: AlertOptions;
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
   * away are re-armed, so setTimeout's 2^31-1 ms limit never applies.
   * Between 1000 and 2147483647.
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
}

/** Options of {@link Scheduler.trigger}. */
export interface TriggerOptions {
  /** Run the upstream chain first, in dependency order, stopping at the first failure. @default false */
  withDependencies?: boolean;
  /** Aborts the triggered run(s) (the job sees a `JobCancelledError('user')`). */
  signal?: AbortSignal;
}

/** Options of {@link Scheduler.backfill}. */
export interface BackfillOptions {
  /** First slot considered (inclusive). */
  from: Date;
  /** Last slot considered (inclusive). */
  to: Date;
  /** Aborts the remaining backfill. */
  signal?: AbortSignal;
}

/** One job as seen by {@link Scheduler.status}. */
export interface JobStatus {
  name: string;
  description: string | undefined;
  /** Effective schedule (an operator override when set). */
  schedule: string;
  timezone: string;
  dependsOn: readonly string[];
  /** `paused` by an operator, `circuit-open`, or `active`. */
  state: 'active' | 'paused' | 'circuit-open';
  pauseNote: string | undefined;
  circuit: CircuitState;
  /** Runs of this job in progress on this instance. */
  running: number;
  /** Runs of this job waiting for a concurrency slot on this instance. */
  waiting: number;
  /** The latest run, from the store. */
  lastRun: RunRecord | undefined;
  /** The next slots (up to 3). */
  nextRuns: Date[];
}

/** A typed listener. */
export type SchedulerListener<K extends keyof SchedulerEventMap> = (event: SchedulerEventMap[K]) => void;

/**
 * A running scheduler, from `createScheduler`.
 */
export interface Scheduler extends AsyncDisposable {
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
   */
  trigger(name: string, options?: TriggerOptions): Promise<RunRecord>;
  /**
   * Pauses a job (in the store, so every instance honours it: at once with a store that reports its changes, else within `pollIntervalMs`). Its slots are
   * recorded `skipped` with reason `paused`; runs in progress continue.
   */
  pause(name: string, options?: { note?: string }): Promise<void>;
  /** Resumes a paused job. */
  resume(name: string): Promise<void>;
  /** Replays the job's slots in `[from, to]` (trigger `backfill`), oldest first; the overlap policy applies. */
  backfill(name: string, options: BackfillOptions): Promise<RunRecord[]>;
  /** Per-job state, running/waiting counts, last run and next runs. */
  status(): Promise<JobStatus[]>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): () => void;
  /** Unsubscribes. */
  off<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): void;
}

/** Re-exported for convenience. */
export type { RunTrigger };
