import type { Clock } from '../../core/clock.js';
import type { AuditRow } from '../audit-query.js';
import { ChangeFeed } from '../change-feed.js';
import type { JobState, RunRecord } from '../types.js';

/** What the memory store keeps: the in-process counterpart of a SQL backend's tables and session. */
export interface MemoryTables {
  /** Where `createdAt`, leases and heartbeats read time (replaced once by `adoptClock` when not the creator's). */
  clock: Clock;
  readonly runs: Map<string, RunRecord>;
  /** `job` → `claimKey` → id of the run holding it (non-abandoned). */
  readonly claims: Map<string, Map<string, string>>;
  readonly jobs: Map<string, JobState>;
  /** Job names in `listJobs()` order; dropped when a job is added or deleted (the scheduler polls `listJobs`). */
  sortedNames: string[] | undefined;
  readonly state: Map<string, unknown>;
  /** The audit log, oldest first (appended, pruned from the front). */
  readonly audit: StoredAuditEntry[];
  /** The last audit entry id handed out. */
  auditSeq: number;
  /** The latest `updatedAt` of any job row (ms): a poll for changes since a later instant answers at once. */
  jobsUpdatedMs: number;
  /** The runs with status `running` (reaping and `listRunning` look at these, not the whole history). */
  readonly running: Map<string, RunRecord>;
  /** Watchers ({@link Store.watch}): every job row write and every claim and final status is reported. */
  readonly feed: ChangeFeed;
}

/** An audit entry as the memory store keeps it: its checked row, its sequence number and time. */
export interface StoredAuditEntry extends AuditRow {
  seq: number;
  atMs: number;
}

/** Empty tables reading time from `clock`. */
export function memoryTables(clock: Clock): MemoryTables {
  return {
    clock,
    runs: new Map(),
    claims: new Map(),
    jobs: new Map(),
    sortedNames: undefined,
    state: new Map(),
    audit: [],
    auditSeq: 0,
    jobsUpdatedMs: Number.NEGATIVE_INFINITY,
    running: new Map(),
    feed: new ChangeFeed(),
  };
}

/** The store's current time. */
export function nowOf(t: MemoryTables): Date {
  return new Date(t.clock.now());
}

/** Reports a run's claim or new status to the watchers. */
export function runChanged(t: MemoryTables, run: RunRecord): void {
  const { job, id: runId, status, leaseExpiresAt } = run;
  t.feed.emit(
    status === 'running' && leaseExpiresAt
      ? { kind: 'run', job, runId, status, leaseExpiresAt: new Date(leaseExpiresAt) }
      : { kind: 'run', job, runId, status },
  );
}

/** Drops `run`'s claim key if `run` still holds it. */
export function releaseClaim(t: MemoryTables, run: RunRecord): void {
  const keys = t.claims.get(run.job);
  if (keys?.get(run.claimKey) === run.id) keys.delete(run.claimKey);
}
