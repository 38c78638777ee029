import type { Clock } from '../../core/clock.js';
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
} from '../types.js';
import * as audit from './audit.js';
import * as claims from './claims.js';
import type { BetterSqlite3Database } from './driver-types.js';
import * as history from './history.js';
import * as imports from './imports.js';
import * as jobs from './jobs.js';
import { configureConnection, openSqliteFile } from './open-database.js';
import type { SqliteStoreConnection, SqliteStoreOptions } from './options.js';
import * as runs from './runs.js';
import { checkSchema, migrate } from './schema.js';
import { SqliteSession } from './session.js';
import * as state from './state.js';
import * as stats from './stats.js';
import { sqliteStoreError } from './store-error.js';
import { type SqliteTables, sqliteTables } from './tables.js';

/** The SQLite {@link Store}: see `createSqliteStore`. Each operation's SQL lives in the module named after its table or duty. */
export class SqliteStore implements Store {
  readonly #connection: SqliteStoreConnection;
  readonly #tables: SqliteTables;
  readonly #clock: Clock | undefined;
  readonly #busyTimeoutMs: number;
  #session: SqliteSession | undefined;
  #ready = false;
  #closed = false;

  constructor(connection: SqliteStoreConnection, options: SqliteStoreOptions) {
    this.#connection = connection;
    this.#tables = sqliteTables(options.tablePrefix ?? 'scheduler_');
    this.#clock = options.clock;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  }

  /** The database file, for messages. */
  get #file(): string {
    return 'database' in this.#connection ? this.#connection.database.name : this.#connection.filename;
  }

  /** Whether writes are refused (`readonly: true`, or a read-only connection of yours). */
  get #readonly(): boolean {
    if (this.#session) return this.#session.db.readonly;
    return 'filename' in this.#connection && (this.#connection.readonly ?? false);
  }

  async init(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#assertOpen('init');
    if (this.#ready) return;
    const session = this.#session ?? (await this.#open());
    const db = session.db;
    this.#wrap('init', () => {
      configureConnection(db, this.#busyTimeoutMs);
      if (db.readonly) checkSchema(db, this.#tables);
      else migrate(db, this.#tables, () => session.nowMs());
    });
    this.#ready = true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#session?.clear();
    if ('filename' in this.#connection && this.#session?.db.open) this.#session.db.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async now(): Promise<Date> {
    return this.#op('now', (s) => new Date(s.nowMs()));
  }

  async reconcileJobs(
    specs: readonly JobSpec[],
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ): Promise<JobPlan> {
    return this.#op('reconcileJobs', (s) => jobs.reconcileJobs(s, specs, options));
  }

  async listJobs(options: ListJobsOptions = {}): Promise<JobState[]> {
    return this.#op('listJobs', (s) => jobs.listJobs(s, options));
  }

  async getJob(name: string): Promise<JobState | undefined> {
    return this.#op('getJob', (s) => jobs.getJob(s, name));
  }

  async updateJob(name: string, patch: JobStatePatch): Promise<JobState | undefined> {
    return this.#op('updateJob', (s) => jobs.updateJob(s, name, patch));
  }

  async claimRun(request: ClaimRequest): Promise<ClaimResult> {
    return this.#op('claimRun', (s) => claims.claimRun(s, request));
  }

  async importRuns(runs: readonly ImportedRun[]): Promise<RunRecord[]> {
    return this.#op('importRuns', (s) => imports.importRuns(s, runs));
  }

  async reapExpiredRuns(): Promise<ReapResult> {
    return this.#op('reapExpiredRuns', (s) => claims.reapExpiredRuns(s));
  }

  async recordAttempt(runId: string, instanceId: string, attempt: RunAttempt): Promise<boolean> {
    return this.#op('recordAttempt', (s) => runs.recordAttempt(s, runId, instanceId, attempt));
  }

  async heartbeat(runId: string, instanceId: string, leaseMs: number, progress?: unknown): Promise<boolean> {
    return this.#op('heartbeat', (s) => runs.heartbeat(s, runId, instanceId, leaseMs, progress));
  }

  async finishRun(runId: string, request: FinishRequest): Promise<boolean> {
    return this.#op('finishRun', (s) => runs.finishRun(s, runId, request));
  }

  async listRunning(job?: string): Promise<RunRecord[]> {
    return this.#op('listRunning', (s) => runs.listRunning(s, job));
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.#op('getRun', (s) => history.getRun(s, id));
  }

  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    return this.#op('listRuns', (s) => history.listRuns(s, query));
  }

  async latestRuns(
    options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] } = {},
  ): Promise<Map<string, RunRecord>> {
    return this.#op('latestRuns', (s) => history.latestRuns(s, options));
  }

  async lastSlot(job: string): Promise<Date | undefined> {
    return this.#op('lastSlot', (s) => history.lastSlot(s, job));
  }

  async pruneRuns(options: PruneOptions): Promise<number> {
    return this.#op('pruneRuns', (s) => history.pruneRuns(s, options));
  }

  async jobStats(job: string, window: { from: Date; to: Date }): Promise<JobStats> {
    return this.#op('jobStats', (s) => stats.jobStats(s, job, window));
  }

  async appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
    return this.#op('appendAudit', (s) => audit.appendAudit(s, entry));
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditPage> {
    return this.#op('listAudit', (s) => audit.listAudit(s, query));
  }

  async pruneAudit(options: AuditPruneOptions): Promise<number> {
    return this.#op('pruneAudit', (s) => audit.pruneAudit(s, options));
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    return this.#op('getState', (s) => state.getState<T>(s, key));
  }

  async setState(key: string, value: unknown): Promise<void> {
    return this.#op('setState', (s) => state.setState(s, key, value));
  }

  async #open(): Promise<SqliteSession> {
    const connection = this.#connection;
    const db: BetterSqlite3Database =
      'database' in connection
        ? connection.database
        : await openSqliteFile(connection.filename, connection.readonly ?? false);
    this.#session = new SqliteSession(db, this.#tables, this.#clock);
    return this.#session;
  }

  /** Runs `work` on the initialised connection, turning driver failures into StoreErrors. */
  async #op<T>(operation: string, work: (session: SqliteSession) => T): Promise<T> {
    this.#assertOpen(operation);
    const session = this.#session;
    if (!this.#ready || !session) {
      throw new StoreError(
        operation,
        `Cannot run ${operation}: the SQLite store on "${this.#file}" is not initialised. Call store.init() first (the scheduler's start() does).`,
      );
    }
    return this.#wrap(operation, () => work(session));
  }

  #wrap<T>(operation: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw sqliteStoreError(operation, { file: this.#file, readonly: this.#readonly }, error);
    }
  }

  #assertOpen(operation: string): void {
    if (this.#closed) {
      throw new StoreError(
        operation,
        `Cannot run ${operation}: the SQLite store on "${this.#file}" is closed. Create a new store (a closed one cannot be reopened).`,
      );
    }
  }
}
