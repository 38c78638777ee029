import { type Clock, systemClock } from '../../core/clock.js';
import { StoreError } from '../../core/errors.js';
import type { AuditEntry, AuditEntryInput, AuditPage, AuditPruneOptions, AuditQuery } from '../audit-types.js';
import { ChangeFeed } from '../change-feed.js';
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
import type { PgPoolLike } from './driver-types.js';
import * as history from './history.js';
import * as imports from './imports.js';
import * as jobs from './jobs.js';
import { PgChangeListener } from './listener.js';
import { createOwnPool } from './load-pg.js';
import type { PostgresStoreConnection, PostgresStoreOptions } from './options.js';
import * as runs from './runs.js';
import { migrate } from './schema.js';
import { PgSession, pgTransaction } from './session.js';
import * as state from './state.js';
import * as stats from './stats.js';
import {
  connectionSecrets,
  describeConnectionString,
  describePool,
  type PgFailureContext,
  pgStoreError,
} from './store-error.js';
import { type PgTables, pgTables } from './tables.js';

/** The PostgreSQL {@link Store}: see `createPostgresStore`. Each operation's SQL lives in the module named after its table or duty. */
export class PostgresStore implements Store {
  readonly #connection: PostgresStoreConnection;
  readonly #tables: PgTables;
  readonly #clock: Clock | undefined;
  readonly #target: string;
  readonly #failure: PgFailureContext;
  #pool: PgPoolLike | undefined;
  #session: PgSession | undefined;
  readonly #listenEnabled: boolean;
  readonly #feed = new ChangeFeed();
  #listener: Promise<PgChangeListener> | undefined;
  #ready = false;
  #closed = false;

  constructor(connection: PostgresStoreConnection, options: PostgresStoreOptions) {
    this.#connection = connection;
    this.#tables = pgTables(options.schema ?? 'scheduler');
    this.#clock = options.clock;
    this.#listenEnabled = options.listen ?? true;
    this.#target =
      'pool' in connection ? describePool(connection.pool) : describeConnectionString(connection.connectionString);
    this.#failure = { target: this.#target, schema: this.#tables.schema, secrets: connectionSecrets(connection) };
  }

  async init(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#assertOpen('init');
    if (this.#ready) return;
    const connection = this.#connection;
    this.#pool ??= 'pool' in connection ? connection.pool : await createOwnPool(connection);
    const pool = this.#pool;
    await this.#guard('init', () => pgTransaction(pool, (client) => migrate(client, this.#tables)));
    this.#session = new PgSession(pool, this.#tables, this.#clock, this.#target);
    this.#ready = true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#feed.clear();
    await this.#listener?.then((listener) => listener.stop()).catch(() => undefined);
    if ('connectionString' in this.#connection && this.#pool) await this.#pool.end();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Job row and run changes by `LISTEN/NOTIFY` (best effort: `complete: false`, the scheduler polls too); none with `listen: false`. */
  async watch(listener: StoreChangeListener, signal: AbortSignal): Promise<StoreWatch> {
    const pool = await this.#op('watch', async (s) => s.pool);
    if (!this.#listenEnabled) return { complete: false };
    const clock = this.#clock ?? systemClock;
    this.#listener ??= PgChangeListener.started(
      () => pool.connect(),
      { jobs: this.#tables.channel, runs: this.#tables.runChannel },
      this.#feed,
      clock,
    );
    try {
      await this.#listener;
    } catch (error) {
      this.#listener = undefined;
      throw pgStoreError('watch', this.#failure, error);
    }
    this.#feed.add(listener, signal);
    return { complete: false };
  }

  async now(): Promise<Date> {
    if (this.#clock) {
      this.#assertOpen('now');
      return new Date(this.#clock.now());
    }
    return this.#op('now', (s) => s.now());
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
    await this.#op('setState', (s) => state.setState(s, key, value));
  }

  async #op<T>(operation: string, work: (session: PgSession) => Promise<T>): Promise<T> {
    this.#assertOpen(operation);
    const session = this.#session;
    if (!this.#ready || !session) {
      throw new StoreError(
        operation,
        `Cannot run ${operation}: the PostgreSQL store at ${this.#target} is not initialised. Call store.init() first (the scheduler's start() does).`,
      );
    }
    return this.#guard(operation, () => work(session));
  }

  async #guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw pgStoreError(operation, this.#failure, error);
    }
  }

  #assertOpen(operation: string): void {
    if (this.#closed) {
      throw new StoreError(
        operation,
        `Cannot run ${operation}: the PostgreSQL store at ${this.#target} is closed. Create a new store (a closed one cannot be reopened).`,
      );
    }
  }
}
