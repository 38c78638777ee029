import type { SerializedError } from '../core/errors.js';

/**
 * The life of a run.
 *
 * - `running`: claimed and not finished (possibly still waiting for a concurrency slot).
 * - `succeeded`, `failed` (after all retries), `timed_out` (last attempt timed out),
 *   `cancelled` (shutdown, replaced, user): finished.
 * - `skipped`: the slot was not run (overlap, unmet dependency, circuit open, paused); `reason` says why.
 * - `missed`: the slot passed while nothing could run it and the catch-up policy did not run it.
 * - `abandoned`: its owner stopped heartbeating (lease expired); another instance took the slot over.
 */
export type RunStatus =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'timed_out'
  | 'cancelled'
  | 'skipped'
  | 'missed'
  | 'abandoned';

/** Statuses a run can end with. */
export type FinalRunStatus = Exclude<RunStatus, 'running'>;

/** What started a run. */
export type RunTrigger = 'schedule' | 'manual' | 'catch-up' | 'backfill' | 'dependency';

/** One attempt of a run, as kept in history. */
export interface RunAttempt {
  /** 1-based attempt number. */
  attempt: number;
  /** When the attempt started. */
  startedAt: Date;
  /** When it ended. */
  finishedAt: Date;
  /** How it ended. */
  status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  /** The error it ended with, when it did not succeed. */
  error?: SerializedError;
}

/**
 * A run as stored in history. `TResult` types `result` when the record comes
 * from an API given the job's definition (`trigger(job)`, `ctx.dependencies.get(job)`).
 */
export interface RunRecord<TResult = unknown> {
  /** Unique id (a UUID). */
  id: string;
  /** Job name. */
  job: string;
  /** The slot this run is for (for manual runs: when it was requested). */
  scheduledFor: Date;
  /**
   * Identity of the slot within the job. Two live (non-`abandoned`) runs of a job
   * never share a claim key: this is what makes a slot run exactly once.
   * Scheduled and catch-up runs use the slot's ISO time; manual and backfill runs get unique keys.
   */
  claimKey: string;
  /** What started it. */
  trigger: RunTrigger;
  /** Current status. */
  status: RunStatus;
  /** Why it was skipped, missed, cancelled or abandoned (e.g. `overlap`, `circuit-open`). */
  reason?: string;
  /** Attempts made so far. */
  attempts: RunAttempt[];
  /** The job's return value (as stored: JSON), when it succeeded. */
  result?: TResult;
  /** The final error, when it did not succeed. */
  error?: SerializedError;
  /** When the run was claimed/recorded. */
  createdAt: Date;
  /** When its first attempt started. */
  startedAt?: Date;
  /** When it reached a final status. */
  finishedAt?: Date;
  /** `finishedAt - startedAt`, in ms. */
  durationMs?: number;
  /** The instance that owns (or owned) it. */
  instanceId?: string;
  /** Until when the owner's claim holds (database clock); renewed by heartbeats. */
  leaseExpiresAt?: Date;
  /** Last heartbeat (database clock). */
  heartbeatAt?: Date;
  /** Last progress reported through `ctx.heartbeat(progress)` (JSON). */
  progress?: unknown;
}

/** Asks a store to claim a slot (or to record a terminal outcome for it). */
export interface ClaimRequest {
  /** Id for the new run (the caller generates it with `crypto.randomUUID()`). */
  id: string;
  /** Job name. */
  job: string;
  /** The slot (for manual runs: when it was requested). */
  scheduledFor: Date;
  /** Identity of the slot within the job (see {@link RunRecord.claimKey}). */
  claimKey: string;
  /** What started the run. */
  trigger: RunTrigger;
  /** The claiming instance. */
  instanceId: string;
  /** Lease length; the store sets `leaseExpiresAt` from its own (database) clock. */
  leaseMs: number;
  /**
   * `running` (default) claims the slot to run it. `skipped` or `missed` records
   * the slot as not run, with `reason`; it is still a claim, so two instances
   * never record the same slot twice.
   */
  status?: 'running' | 'skipped' | 'missed';
  /** Why, for `skipped`/`missed`. */
  reason?: string;
}

/** The outcome of {@link Store.claimRun}. */
export type ClaimResult =
  | {
      /** The slot was claimed. */
      claimed: true;
      /** The new run. */
      run: RunRecord;
      /** The expired holder this claim took over, now `abandoned`. */
      abandoned?: RunRecord;
    }
  | {
      /** A live run holds the slot. */
      claimed: false;
      /** The run holding the slot. */
      existing: RunRecord;
    };

/** Final state written by {@link Store.finishRun}. */
export interface FinishRequest {
  /** The final status. */
  status: Exclude<FinalRunStatus, 'missed' | 'abandoned'>;
  /** The instance that owns the run; the write is ignored (returns `false`) if another instance took it over. */
  instanceId: string;
  /** When the run ended (`durationMs` is counted from its first attempt's start). */
  finishedAt: Date;
  /** The job's return value (JSON). */
  result?: unknown;
  /** The final error, when it did not succeed. */
  error?: SerializedError;
  /** Why, e.g. for `cancelled` runs (`shutdown`). */
  reason?: string;
}

/** History query. All filters are optional and combine with AND. Newest first. */
export interface RunQuery {
  /** Only runs of this job. */
  job?: string;
  /** Only runs with this status (or one of these). */
  status?: RunStatus | readonly RunStatus[];
  /** Only runs started by this trigger (or one of these). */
  trigger?: RunTrigger | readonly RunTrigger[];
  /** Runs whose `scheduledFor` is at or after this instant. */
  from?: Date;
  /** Runs whose `scheduledFor` is before this instant. */
  to?: Date;
  /** Page size. @default 50 (max 1000) */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** One page of history. */
export interface RunPage {
  /** The runs of this page, newest first. */
  runs: RunRecord[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** Per-job statistics over a window. */
export interface JobStats {
  /** Job name. */
  job: string;
  /** Count of runs by final status in the window (`running` included). */
  byStatus: Partial<Record<RunStatus, number>>;
  /** Runs that reached a final status other than skipped/missed. */
  total: number;
  /** succeeded / (succeeded + failed + timed_out), or `undefined` with no such run. */
  successRate: number | undefined;
  /** Failed or timed-out runs since the last success (over all history, not only the window). */
  consecutiveFailures: number;
  /** Runs recorded `missed` in the window. */
  missed: number;
  /** Runs recorded `skipped` in the window. */
  skipped: number;
  /** Duration percentiles (nearest rank) of finished runs, ms; `undefined` without such runs. */
  durationMs: {
    /** Median. */
    p50: number | undefined;
    /** 95th percentile. */
    p95: number | undefined;
    /** 99th percentile. */
    p99: number | undefined;
  };
  /** When the job last succeeded (over all history). */
  lastSuccessAt: Date | undefined;
}

/** The circuit breaker's state for one job. */
export interface CircuitState {
  /** `closed` (runs go ahead), `open` (slots skipped), `half-open` (one probe run decides). */
  state: 'closed' | 'open' | 'half-open';
  /** When it last opened. */
  openedAt?: Date;
  /** Consecutive failures counted toward opening. */
  consecutiveFailures: number;
}

/** What the code says a job is: the part of a definition reconciled into the store. */
export interface JobSpec {
  /** Unique job name. */
  name: string;
  /** Cron expression from the code. */
  schedule: string;
  /** IANA timezone of the schedule. */
  timezone: string;
  /** Human description. */
  description?: string;
  /** Names of the jobs this one depends on (stores return an array, empty when none). */
  dependsOn?: readonly string[];
}

/** A job's row in the store: its spec plus operator state. */
export interface JobState extends JobSpec {
  /** Operator override of the schedule (cron), applied by every instance without a restart. */
  scheduleOverride?: string;
  /** Paused by an operator: slots are recorded `skipped` (reason `paused`). */
  paused: boolean;
  /** Why it was paused. */
  pauseNote?: string;
  /** The circuit breaker's state. */
  circuit: CircuitState;
  /** When the job was first reconciled into the store (store clock). */
  createdAt: Date;
  /** Last change of spec or operator state (store clock). */
  updatedAt: Date;
}

/** What reconciling job specs into the store did (or would do). */
export interface JobPlan {
  /** Jobs new to the store. */
  added: string[];
  /** Jobs whose spec changed, with the fields that differ (`schedule`, `timezone`, `description`, `dependsOn`). */
  changed: {
    /** Job name. */
    name: string;
    /** The spec fields that differ. */
    fields: string[];
  }[];
  /** Jobs in the store but no longer in the code (their rows are deleted only with `removeMissing`; history is kept). */
  removed: string[];
  /** Jobs whose spec is the same. */
  unchanged: string[];
}

/** Operator changes to a job's state. `null` clears a field. */
export interface JobStatePatch {
  /** Pause or resume. */
  paused?: boolean;
  /** The pause note; `null` clears it. */
  pauseNote?: string | null;
  /** A cron expression replacing the code's schedule; `null` clears it. */
  scheduleOverride?: string | null;
  /** The new circuit state (replaces the stored one). */
  circuit?: CircuitState;
}

/** Options of {@link Store.listJobs}. */
export interface ListJobsOptions {
  /**
   * Only rows whose `updatedAt` is at or after this instant (store time). The
   * scheduler polls with it (every `pollIntervalMs`, unless the store reports every
   * change through {@link Store.watch}), so an idle instance reads only what changed.
   */
  updatedSince?: Date;
}

/** What {@link Store.reapExpiredRuns} did, and when to look again. */
export interface ReapResult {
  /** The runs this call marked `abandoned` (each returned to exactly one caller). */
  abandoned: RunRecord[];
  /**
   * The earliest lease expiry among the runs still `running` (store time), or
   * `undefined` when none is running. The scheduler reaps again then, instead
   * of polling: a lease renewed meanwhile only moves it later.
   */
  nextLeaseExpiresAt: Date | undefined;
}

/** Retention rule for {@link Store.pruneRuns}. Both limits apply; running runs are never pruned. */
export interface PruneOptions {
  /** Delete finished runs scheduled before this instant. */
  olderThan?: Date;
  /** Keep at most this many finished runs per job (newest kept). */
  keepPerJob?: number;
}

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

  /** Reads a small JSON value kept for the scheduler (alert state, ...). */
  getState<T = unknown>(key: string): Promise<T | undefined>;
  /** Writes (or with `undefined`, deletes) a small JSON value. */
  setState(key: string, value: unknown): Promise<void>;
}
