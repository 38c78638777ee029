import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { JobDefinition } from '../job/types.js';
import type { SlotSource } from '../policy/catch-up.js';
import type { CircuitDecision } from '../policy/circuit-breaker.js';
import type { JobState, RunRecord, RunTrigger, Store } from '../store/types.js';
import type { ConcurrencyGate } from './concurrency-gate.js';
import type { SchedulerEmitter } from './emitter.js';
import type { RunObservers } from './observers.js';

/** A schedule as the engine uses it. @internal */
export interface JobSchedule extends SlotSource {
  /** The next `n` slots strictly after `after`. */
  nextRuns(n: number, after: Date): Date[];
}

/** One registered job and what the engine knows about it. @internal */
export interface JobEntry {
  readonly def: JobDefinition;
  readonly timezone: string;
  /** The system that runs the job when it is not this scheduler (e.g. `pg_cron`): its slots are never claimed here. */
  readonly runsIn?: string;
  /** Effective schedule (the operator override when set). */
  schedule: JobSchedule;
  /** Effective expression. */
  expression: string;
  /** Operator state, as last read from the store. */
  state: JobState | undefined;
  /** Slots at or before this instant have been handled (store time, ms). */
  cursorMs: number;
  /** Bumped when the job's heap entry is replaced; stale entries are ignored. */
  generation: number;
  /** Runs this instance holds waiting for an earlier run to finish (buffer/cancel-other). */
  buffered: number;
  /** Serialises overlap decisions and claims of this job on this instance. */
  claimLock: Promise<unknown>;
}

/** A run this instance holds (claimed: waiting, queued or running). @internal */
export interface ActiveRun {
  readonly run: RunRecord;
  readonly controller: AbortController;
  /** Aborted when the run must end now: an isolated job's worker is killed without waiting for its grace. */
  readonly kill: AbortController;
  /** Settles when the run's path is over (recorded or given up), or when {@link ActiveRun.settle} is called. */
  done: Promise<RunRecord>;
  /** Settles `done` with `record` at once: the run was recorded over while its job still runs (shutdown past the grace period). */
  settle(record: RunRecord): void;
  /** Whether an attempt has started. */
  started: boolean;
}

/** What a run needs from the scheduler. @internal */
export interface Runtime {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly emitter: SchedulerEmitter;
  readonly instanceId: string;
  readonly leaseMs: number;
  readonly gate: ConcurrencyGate;
  readonly jobs: ReadonlyMap<string, JobEntry>;
  readonly active: Map<string, ActiveRun>;
  /** The `observers` of the scheduler's options, behind one object. */
  readonly observers: RunObservers;
  /** The scheduler's time: the clock corrected by the measured store offset, ms. */
  nowMs(): number;
  /** Whether `stop()` has begun: nothing new is claimed. */
  isStopping(): boolean;
  /** Resolves when a run of `job` finishes on this instance, or after `timeoutMs`, or when `signal` aborts. */
  waitForRunEnd(job: string, timeoutMs: number, signal: AbortSignal): Promise<void>;
  /** The job's circuit breaker for a scheduled/catch-up slot: `open` means record it `skipped` (`circuit-open`). */
  circuitGate(job: string): Promise<CircuitDecision>;
  /** Final outcome hook: the one place a run's final record passes (emits `run:finished`; alerts and circuit breaker hook here). */
  onRunFinished(run: RunRecord): void;
  /** A run of `job` held by this instance is over (recorded or given up): wakes {@link Runtime.waitForRunEnd}. */
  runEnded(job: string): void;
  /** A background operation failed. */
  reportError(operation: string, error: unknown, retryInMs: number): void;
}

/** A slot to run. @internal */
export interface SlotRequest {
  scheduledFor: Date;
  trigger: RunTrigger;
  claimKey: string;
  /** Check `dependsOn` before running. */
  checkDependencies: boolean;
  /** Aborts the run (a `JobCancelledError('user')` reason is expected). */
  signal?: AbortSignal | undefined;
  /**
   * A slot claimed a few ms ahead (pre-claim): the run starts at this instant (ms), never
   * before; an overlap with a run still in progress is decided at this instant too.
   */
  startAtMs?: number;
  /** What each observer captured when `trigger()`/`backfill()` was called (see `RunObserver.captureContext`). */
  parents?: readonly unknown[] | undefined;
}
