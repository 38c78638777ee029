import type { AuditEntry, AuditEntryInput, AuditPage, AuditPruneOptions, AuditQuery } from './audit-types.js';
import type { JobPlan, JobSpec, JobState, JobStatePatch, JobStats, ListJobsOptions } from './job-types.js';
import type {
  ClaimRequest,
  ClaimResult,
  FinishRequest,
  ImportedRun,
  PruneOptions,
  ReapResult,
  RunAttempt,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
} from './run-types.js';

// The records the contract reads and writes live beside it, by subject; importers name them from here.
export type {
  AuditAction,
  AuditActor,
  AuditEntry,
  AuditEntryInput,
  AuditPage,
  AuditPruneOptions,
  AuditQuery,
} from './audit-types.js';
export type {
  CircuitState,
  JobPlan,
  JobSpec,
  JobState,
  JobStatePatch,
  JobStats,
  ListJobsOptions,
} from './job-types.js';
export type {
  ClaimHolder,
  ClaimRequest,
  ClaimResult,
  FinalRunStatus,
  FinishRequest,
  ImportedRun,
  PruneOptions,
  ReapResult,
  RunAttempt,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  RunTrigger,
} from './run-types.js';

/**
 * A change a store reports to its watchers (see {@link Store.watch}).
 *
 * - `job`: the row of `job` was inserted, updated (pause, resume, schedule override,
 *   circuit state, spec) or deleted. Read it again with {@link Store.getJob}.
 * - `run`: a run of `job` was claimed (`status` `running`, with its `leaseExpiresAt`)
 *   or reached a final status. Only a store whose watch is `complete` must report these.
 * - `resync`: changes may have been lost (a dropped connection came back): read
 *   everything again.
 */
export type StoreChange =
  | {
      /** A job row changed. */
      kind: 'job';
      /** Its name. */
      job: string;
    }
  | {
      /** A run was claimed or finished. */
      kind: 'run';
      /** The run's job. */
      job: string;
      /** The run's id. */
      runId: string;
      /** Its status after the change. */
      status: RunStatus;
      /** Until when its claim holds (store time), for a `running` run. */
      leaseExpiresAt?: Date;
    }
  | {
      /** Changes may have been missed: read everything again. */
      kind: 'resync';
    };

/** Called by a store for each change (see {@link Store.watch}). Must not throw. */
export type StoreChangeListener = (change: StoreChange) => void;

/** What a store promises about the changes it reports (the result of {@link Store.watch}). */
export interface StoreWatch {
  /**
   * `true` when every change, whoever made it, is reported (a store held in this process's
   * memory): the scheduler then never polls the store for job changes. `false` when
   * reports are best effort (a database notification channel that can drop): the
   * scheduler keeps polling every `pollIntervalMs` as well.
   */
  complete: boolean;
}

/**
 * Persistence for job state, run history and slot claims. Implementations:
 * `createMemoryStore()`, `@pokemon/scheduler/sqlite`, `@pokemon/scheduler/postgres`.
 * Verify your own with `describeStoreContract` from `@pokemon/scheduler/store-contract`.
 *
 * @remarks
 * All times the store sets itself (`createdAt`, `leaseExpiresAt`, `heartbeatAt`)
 * come from the store's clock (the database's, for SQL stores), so instances
 * with skewed clocks agree on lease expiry.
 */
export interface Store extends AsyncDisposable {
  /** Creates or migrates the schema. Safe to call twice, and from two processes at once. */
  init(signal?: AbortSignal): Promise<void>;
  /** Releases what the store created (connections it opened). Idempotent. */
  close(): Promise<void>;
  /** The store's current time (the database's clock for SQL stores). */
  now(): Promise<Date>;

  /** Reconciles `specs` into the job table by name and reports what changed. Operator state is kept. `dryRun` reports without writing. */
  reconcileJobs(specs: readonly JobSpec[], options?: { dryRun?: boolean; removeMissing?: boolean }): Promise<JobPlan>;
  /** Job rows, by name: all of them, or with `updatedSince` only the ones changed since then. */
  listJobs(options?: ListJobsOptions): Promise<JobState[]>;
  /** One job row. */
  getJob(name: string): Promise<JobState | undefined>;
  /** Applies operator changes; returns the new row, or `undefined` for an unknown job. */
  updateJob(name: string, patch: JobStatePatch): Promise<JobState | undefined>;

  /**
   * Atomically claims `(job, claimKey)`: inserts a new run unless a live run holds
   * that key. A `running` holder whose lease has expired is marked `abandoned`
   * and the claim succeeds (`abandoned` is then returned).
   */
  claimRun(request: ClaimRequest): Promise<ClaimResult>;
  /** Records one finished attempt of a running run. Returns `false` if `instanceId` no longer owns it. */
  recordAttempt(runId: string, instanceId: string, attempt: RunAttempt): Promise<boolean>;
  /** Extends the lease by `leaseMs` from the store's clock and stores `progress`. Returns `false` if the run is no longer owned by `instanceId` or not running. */
  heartbeat(runId: string, instanceId: string, leaseMs: number, progress?: unknown): Promise<boolean>;
  /** Writes the final state of a running run (sets `finishedAt`, `durationMs`). Returns `false` if not owned by `instanceId` or not running. */
  finishRun(runId: string, request: FinishRequest): Promise<boolean>;
  /**
   * Optional. Records finished runs that happened outside the scheduler (SQL jobs run by
   * pg_cron), in bulk: each one unless a live run of its job already holds its `claimKey`,
   * so two instances importing the same executions record each once. Returns the runs it
   * inserted (the others were already there).
   *
   * @remarks
   * Without it, importers fall back to `claimRun`, `recordAttempt` and `finishRun` per run
   * (correct, three round trips each).
   */
  importRuns?(runs: readonly ImportedRun[]): Promise<RunRecord[]>;
  /**
   * Marks every `running` run whose lease has expired as `abandoned` and returns them
   * (each to exactly one caller), with the next lease expiry among the runs still running.
   */
  reapExpiredRuns(): Promise<ReapResult>;

  /** One run by id. */
  getRun(id: string): Promise<RunRecord | undefined>;
  /** History, newest first (`scheduledFor`, then `id`), keyset-paginated. */
  listRuns(query?: RunQuery): Promise<RunPage>;
  /** Runs currently `running`, optionally of one job (any instance). */
  listRunning(job?: string): Promise<RunRecord[]>;
  /** The latest run of each job (by `scheduledFor`), optionally only runs with one of `statuses`. */
  latestRuns(options?: { statuses?: readonly RunStatus[]; jobs?: readonly string[] }): Promise<Map<string, RunRecord>>;
  /** The latest `scheduledFor` recorded for a `schedule` or `catch-up` slot of `job` (any status). */
  lastSlot(job: string): Promise<Date | undefined>;
  /** Statistics for `job` over runs scheduled in `[from, to)`. */
  jobStats(job: string, window: { from: Date; to: Date }): Promise<JobStats>;
  /** Deletes finished runs past retention; returns how many were deleted. */
  pruneRuns(options: PruneOptions): Promise<number>;

  /**
   * Optional. Reports changes to `listener` until `signal` aborts (or the store closes), so
   * a scheduler applies a pause or a schedule override made elsewhere without waiting for
   * its next poll. Resolves once reporting has begun; rejects (a {@link StoreError}) when it
   * cannot begin, and the scheduler then polls.
   *
   * @remarks
   * For store authors: call `listener` after the change is visible to readers, never
   * inside the operation that made it (queue it, e.g. with `queueMicrotask`), and never
   * let a listener's exception reach the operation. Report every write to a job row as a
   * `job` change. `run` changes are optional, except for a store that claims
   * `complete: true`: it reports every change, runs included (every claim with its lease,
   * every final status), and no change can be missed. A store that may miss changes
   * reports a `resync` after an outage in which some may have been lost.
   * Omit the method to be polled (`listJobs({ updatedSince })`) instead.
   */
  watch?(listener: StoreChangeListener, signal: AbortSignal): Promise<StoreWatch>;

  /**
   * Appends an entry to the audit log (an operator action or a deploy change), stamped with the
   * store's clock and a new id; returns it as stored. A bad entry (empty actor, unknown action,
   * `before`/`after` that are not JSON) is a {@link StoreError}.
   */
  appendAudit(entry: AuditEntryInput): Promise<AuditEntry>;
  /** The audit log, newest first (`at`, then `id`), filtered and keyset-paginated like {@link Store.listRuns}. */
  listAudit(query?: AuditQuery): Promise<AuditPage>;
  /**
   * Deletes the audit entries recorded before `olderThan` (its own retention); returns how many.
   * Nothing else deletes or updates an entry.
   */
  pruneAudit(options: AuditPruneOptions): Promise<number>;

  /** Reads a small JSON value kept for the scheduler (alert state, ...). */
  getState<T = unknown>(key: string): Promise<T | undefined>;
  /** Writes (or with `undefined`, deletes) a small JSON value. */
  setState(key: string, value: unknown): Promise<void>;
}
