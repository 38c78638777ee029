import { adoptClock, type Clock, type ClockFollower, systemClock } from '../../core/clock.js';
import { StoreError } from '../../core/errors.js';
import type { AuditEntry, AuditEntryInput, AuditPage, AuditPruneOptions, AuditQuery } from '../audit-types.js';
import type {
  ClaimRequest,
  ClaimResult,
  FinishRequest,
  ImportedRun,
  JobPlan,
  JobSpec,
  JobState,
  JobStatePatch,
  JobStats,
  ListJobsOptions,
  PruneOptions,
  ReapResult,
  RunAttempt,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  Store,
  StoreChangeListener,
  StoreWatch,
} from '../types.js';
import * as audit from './audit.js';
import * as claims from './claims.js';
import * as history from './history.js';
import * as imports from './imports.js';
import * as jobs from './jobs.js';
import * as runs from './runs.js';
import * as state from './state.js';
import * as stats from './stats.js';
import { type MemoryTables, memoryTables, nowOf } from './tables.js';

/**
 * The memory {@link Store}: see `createMemoryStore`. Each operation lives in the module named
 * after its table or duty, as in the SQL backends; this class only wires them.
 */
export class MemoryStore implements Store, ClockFollower {
  readonly #tables: MemoryTables;
  /** Whether the clock is the creator's choice (or a scheduler's, already adopted): it is not replaced. */
  #clockSettled: boolean;
  #closed = false;

  constructor(clock: Clock | undefined) {
    this.#tables = memoryTables(clock ?? systemClock);
    this.#clockSettled = clock !== undefined;
  }

  [adoptClock](clock: Clock): void {
    if (this.#clockSettled) return;
    this.#tables.clock = clock;
    this.#clockSettled = true;
  }

  async init(): Promise<void> {
    this.#op('init', () => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#tables.feed.clear();
  }

  /** Reports every change (complete: nothing is polled). */
  async watch(listener: StoreChangeListener, signal: AbortSignal): Promise<StoreWatch> {
    return this.#op('watch', (t) => {
      t.feed.add(listener, signal);
      return { complete: true };
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async now(): Promise<Date> {
    return this.#op('now', nowOf);
  }

  async reconcileJobs(
    specs: readonly JobSpec[],
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ): Promise<JobPlan> {
    return this.#op('reconcileJobs', (t) => jobs.reconcileJobs(t, specs, options));
  }

  async listJobs(options: ListJobsOptions = {}): Promise<JobState[]> {
    return this.#op('listJobs', (t) => jobs.listJobs(t, options));
  }

  async getJob(name: string): Promise<JobState | undefined> {
    return this.#op('getJob', (t) => jobs.getJob(t, name));
  }

  async updateJob(name: string, patch: JobStatePatch): Promise<JobState | undefined> {
    return this.#op('updateJob', (t) => jobs.updateJob(t, name, patch));
  }

  async claimRun(request: ClaimRequest): Promise<ClaimResult> {
    return this.#op('claimRun', (t) => claims.claimRun(t, request));
  }

  async importRuns(runs: readonly ImportedRun[]): Promise<RunRecord[]> {
    return this.#op('importRuns', (t) => imports.importRuns(t, runs));
  }

  async reapExpiredRuns(): Promise<ReapResult> {
    return this.#op('reapExpiredRuns', (t) => claims.reapExpiredRuns(t));
  }

  async recordAttempt(runId: string, instanceId: string, attempt: RunAttempt): Promise<boolean> {
    return this.#op('recordAttempt', (t) => runs.recordAttempt(t, runId, instanceId, attempt));
  }

  async heartbeat(runId: string, instanceId: string, leaseMs: number, progress?: unknown): Promise<boolean> {
    return this.#op('heartbeat', (t) => runs.heartbeat(t, runId, instanceId, leaseMs, progress));
  }

  async finishRun(runId: string, request: FinishRequest): Promise<boolean> {
    return this.#op('finishRun', (t) => runs.finishRun(t, runId, request));
  }

  async listRunning(job?: string): Promise<RunRecord[]> {
    return this.#op('listRunning', (t) => runs.listRunning(t, job));
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.#op('getRun', (t) => history.getRun(t, id));
  }

  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    return this.#op('listRuns', (t) => history.listRuns(t, query));
  }

  async latestRuns(
    options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] } = {},
  ): Promise<Map<string, RunRecord>> {
    return this.#op('latestRuns', (t) => history.latestRuns(t, options));
  }

  async lastSlot(job: string): Promise<Date | undefined> {
    return this.#op('lastSlot', (t) => history.lastSlot(t, job));
  }

  async pruneRuns(options: PruneOptions): Promise<number> {
    return this.#op('pruneRuns', (t) => history.pruneRuns(t, options));
  }

  async jobStats(job: string, window: { from: Date; to: Date }): Promise<JobStats> {
    return this.#op('jobStats', (t) => stats.jobStats(t, job, window));
  }

  async appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
    return this.#op('appendAudit', (t) => audit.appendAudit(t, entry));
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditPage> {
    return this.#op('listAudit', (t) => audit.listAudit(t, query));
  }

  async pruneAudit(options: AuditPruneOptions): Promise<number> {
    return this.#op('pruneAudit', (t) => audit.pruneAudit(t, options));
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    return this.#op('getState', (t) => state.getState<T>(t, key));
  }

  async setState(key: string, value: unknown): Promise<void> {
    return this.#op('setState', (t) => state.setState(t, key, value));
  }

  /**
   * Runs `work` on the tables unless the store is closed. Synchronous on purpose: each
   * method settles in the same microtask as before, after the change feed has queued its reports.
   */
  #op<T>(operation: string, work: (tables: MemoryTables) => T): T {
    if (this.#closed) {
      throw new StoreError(operation, `The memory store is closed (${operation} after close()). Create a new store.`);
    }
    return work(this.#tables);
  }
}
