import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { RunRecord, Store } from '../store/types.js';
import type { JobDefinition } from './types.js';

/** One change a source of externally run jobs would make (or made) to the system that runs them. */
export interface ExternalJobChange {
  /** The job's name in the scheduler. */
  job: string;
  /** `add`, `change` (with the fields that differ), `remove`, `pause` or `resume`. */
  action: 'add' | 'change' | 'remove' | 'pause' | 'resume';
  /** For `change`: what differs (e.g. `schedule`, `command`, `database`). */
  fields?: string[];
}

/** What reconciling a source of externally run jobs did or would do. */
export interface ExternalJobsPlan {
  /** The source, e.g. `pg_cron`. */
  source: string;
  /** The changes, in the order they are applied. Empty when everything matches. */
  changes: ExternalJobChange[];
}

/** What the scheduler gives a source of externally run jobs when it starts. */
export interface ExternalJobsHost {
  /** The scheduler's store: job rows (operator state) and run history. */
  readonly store: Store;
  /** The scheduler's clock (timers, slot times). */
  readonly clock: Clock;
  /** The scheduler's logger. */
  readonly logger: Logger;
  /** The scheduler's instance id. */
  readonly instanceId: string;
  /** The scheduler's time (store time), ms. */
  nowMs(): number;
  /**
   * Reports a run the source recorded in the store (an execution it observed, or a slot that
   * was missed): the scheduler emits `run:finished` and evaluates its alert rules, as for its own
   * runs. Call it once per run, from the instance that recorded it.
   */
  runRecorded(run: RunRecord): void;
  /** Reports a failed background operation (logged, `scheduler:operation-failed`). */
  reportError(operation: string, error: unknown, retryInMs: number): void;
}

/**
 * Jobs the scheduler shows, reconciles and alerts on but does not run itself: another system
 * runs them (SQL jobs in PostgreSQL with pg_cron, see `pgCronJobs` in
 * `@pokemon/scheduler/pg-cron`). Pass sources as `createScheduler({ externalJobs })`.
 *
 * @remarks
 * Their definitions join the scheduler's jobs: reconciled into the store's job table, listed by
 * `plan()` and `status()`, paused and resumed like any job (the source applies the operator
 * state to the system that runs them), watched by the staleness rule, and usable in
 * `dependsOn`. The scheduler never claims their slots and refuses to `trigger` or `backfill`
 * them; the source records their runs in history.
 */
export interface ExternalJobSource {
  /** What runs the jobs, e.g. `pg_cron`; shown in plans and errors. */
  readonly name: string;
  /** The jobs, as definitions (names unique among all the scheduler's jobs; their `run` is never called). */
  readonly jobs: readonly JobDefinition[];
  /** What {@link ExternalJobSource.start} would change, computed without writing. */
  plan(store: Store): Promise<ExternalJobsPlan>;
  /** Reconciles the jobs into the system that runs them and begins recording their runs. */
  start(host: ExternalJobsHost, signal?: AbortSignal): Promise<ExternalJobsPlan>;
  /** Applies the operator state now in the store (pause, resume, schedule override) to the system that runs them. */
  sync(): Promise<void>;
  /** Stops recording runs and releases what `start` opened. Idempotent. */
  stop(): Promise<void>;
}
