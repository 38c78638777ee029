import type { SerializedError } from '../core/serialized-error.js';
import type { FinalRunStatus, RunStatus, RunTrigger } from './run-status.js';
import type { Store } from './types.js';

export type { FinalRunStatus, RunStatus, RunTrigger } from './run-status.js';

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
  /**
   * `true` when the job was isolated and its worker thread or process had to be killed: it was
   * still running when its grace period after a timeout or a cancellation ran out. Absent otherwise.
   */
  killed?: boolean;
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
  /**
   * Whether a losing claim reads the slot's holder (`holder`) and takes it over if its lease
   * expired (default `true`). `false`: a loser costs what a bare insert does and learns only that
   * it lost; an expired holder stays for {@link Store.reapExpiredRuns}. The scheduler passes
   * `false` for a slot claimed at its own time (trigger `schedule`): nobody waits on its holder.
   */
  inspectHolder?: boolean;
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
      /**
       * Which run holds the slot; read all of it with {@link Store.getRun} when needed. Absent
       * only when the request said `inspectHolder: false`.
       */
      holder?: ClaimHolder;
    };

/**
 * A finished run that happened outside the scheduler (a SQL job run by pg_cron), recorded
 * by {@link Store.importRuns} with one attempt, trigger `schedule`.
 */
export interface ImportedRun {
  /** Id for the new run (a UUID). */
  id: string;
  /** Job name. */
  job: string;
  /** The slot it ran for. */
  scheduledFor: Date;
  /** Identity of the execution within the job: a second import with the same key is ignored. */
  claimKey: string;
  /** How it ended. */
  status: 'succeeded' | 'failed';
  /** When it started. */
  startedAt: Date;
  /** When it ended. */
  finishedAt: Date;
  /** What it returned (JSON), when it succeeded. */
  result?: unknown;
  /** Why it failed. */
  error?: SerializedError;
  /** Who ran it (e.g. `pg_cron`). */
  instanceId: string;
}

/**
 * The run holding a slot that a claim lost (see {@link ClaimResult}): its id and status only,
 * so that losing a claim costs about what the bare insert costs (most losers need nothing more).
 */
export interface ClaimHolder {
  /** The holding run's id. */
  id: string;
  /** Its status when the claim looked. */
  status: RunStatus;
}

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
  /** Runs whose final error's message contains this text, ignoring case (ASCII letters). */
  errorText?: string;
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
