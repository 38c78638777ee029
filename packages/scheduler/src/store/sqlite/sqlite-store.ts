import type { Clock } from '../../clock.js';
import { StoreError } from '../../errors.js';
import { encodeCursor } from '../cursor.js';
import { planJobs } from '../job-plan.js';
import { assembleJobStats } from '../job-stats.js';
import { fromJsonText, toJsonText } from '../json.js';
import { percentile } from '../percentile.js';
import { LEASE_EXPIRED_REASON } from '../run-record.js';
import type {
  ClaimRequest,
  ClaimResult,
  FinishRequest,
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
import type { BetterSqlite3Database, BetterSqlite3Statement } from './driver-types.js';
import { checkSqliteSchema, migrateSqlite } from './migrate.js';
import { configureConnection, openSqliteFile } from './open-database.js';
import type { SqliteStoreConnection, SqliteStoreOptions } from './options.js';
import { claimParams, type Params, runsQueryPlan, specParams } from './params.js';
import { attemptJson, circuitJson, type SqliteJobRow, type SqliteRunRow, toJob, toRun } from './rows.js';
import { sql } from './statements.js';
import { sqliteStoreError } from './store-error.js';
import { type SqliteTables, sqliteTables } from './tables.js';

/** The SQLite {@link Store}: see `createSqliteStore`. */
export class SqliteStore implements Store {
  readonly #connection: SqliteStoreConnection;
  readonly #tables: SqliteTables;
  readonly #clock: Clock | undefined;
  readonly #busyTimeoutMs: number;
  readonly #statements = new Map<string, BetterSqlite3Statement>();
  #db: BetterSqlite3Database | undefined;
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
    if (this.#db) return this.#db.readonly;
    return 'filename' in this.#connection && (this.#connection.readonly ?? false);
  }

  async init(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#assertOpen('init');
    if (this.#ready) return;
    const db = this.#db ?? (await this.#open());
    this.#wrap('init', () => {
      configureConnection(db, this.#busyTimeoutMs);
      if (db.readonly) checkSqliteSchema(db, this.#tables);
      else migrateSqlite(db, this.#tables, () => this.#nowMs(db));
    });
    this.#ready = true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#statements.clear();
    if ('filename' in this.#connection && this.#db?.open) this.#db.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async now(): Promise<Date> {
    return this.#op('now', (db) => new Date(this.#nowMs(db)));
  }

  async reconcileJobs(
    specs: readonly JobSpec[],
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ): Promise<JobPlan> {
    return this.#op('reconcileJobs', (db) =>
      this.#immediate(db, () => {
        const existing = (this.#stmt('selectJobs', sql.selectJobs).all() as SqliteJobRow[]).map(toJob);
        const work = planJobs(existing, specs, options.removeMissing ?? false);
        if (options.dryRun) return work.plan;
        const now = this.#nowMs(db);
        const closed = circuitJson({ state: 'closed', consecutiveFailures: 0 });
        for (const spec of work.inserts)
          this.#stmt('insertJob', sql.insertJob).run({ ...specParams(spec), circuit: closed, now });
        for (const spec of work.updates)
          this.#stmt('updateJobSpec', sql.updateJobSpec).run({ ...specParams(spec), now });
        for (const name of work.deletes) this.#stmt('deleteJob', sql.deleteJob).run({ name });
        return work.plan;
      }),
    );
  }

  async listJobs(options: ListJobsOptions = {}): Promise<JobState[]> {
    return this.#op('listJobs', () => {
      const since = options.updatedSince;
      const rows = since
        ? this.#stmt('selectJobs:changed', (t) => sql.selectJobs(t, true)).all({ since: since.getTime() })
        : this.#stmt('selectJobs', sql.selectJobs).all();
      return (rows as SqliteJobRow[]).map(toJob);
    });
  }

  async getJob(name: string): Promise<JobState | undefined> {
    return this.#op('getJob', () => {
      const row = this.#stmt('selectJob', sql.selectJob).get({ name }) as SqliteJobRow | undefined;
      return row && toJob(row);
    });
  }

  async updateJob(name: string, patch: JobStatePatch): Promise<JobState | undefined> {
    return this.#op('updateJob', (db) => {
      const row = this.#stmt('patchJob', sql.patchJob).get({
        name,
        now: this.#nowMs(db),
        setPaused: patch.paused === undefined ? 0 : 1,
        paused: patch.paused ? 1 : 0,
        setPauseNote: patch.pauseNote === undefined ? 0 : 1,
        pauseNote: patch.pauseNote ?? null,
        setScheduleOverride: patch.scheduleOverride === undefined ? 0 : 1,
        scheduleOverride: patch.scheduleOverride ?? null,
        circuit: patch.circuit ? circuitJson(patch.circuit) : null,
      }) as SqliteJobRow | undefined;
      return row && toJob(row);
    });
  }

  async claimRun(request: ClaimRequest): Promise<ClaimResult> {
    return this.#op('claimRun', (db) =>
      this.#immediate(db, () => {
        const now = this.#nowMs(db);
        const key = { job: request.job, claimKey: request.claimKey };
        const expired = this.#stmt('abandonExpiredHolder', sql.abandonExpiredHolder).get({
          ...key,
          now,
          reason: LEASE_EXPIRED_REASON,
        }) as SqliteRunRow | undefined;
        const inserted = this.#stmt('insertRun', sql.insertRun).get(claimParams(request, now)) as
          | SqliteRunRow
          | undefined;
        if (inserted) {
          return expired
            ? { claimed: true, run: toRun(inserted), abandoned: toRun(expired) }
            : { claimed: true, run: toRun(inserted) };
        }
        const holder = this.#stmt('selectHolder', sql.selectHolder).get(key) as SqliteRunRow;
        return { claimed: false, existing: toRun(holder) };
      }),
    );
  }

  async recordAttempt(runId: string, instanceId: string, attempt: RunAttempt): Promise<boolean> {
    return this.#op('recordAttempt', () => {
      const params = { id: runId, instanceId, attempt: attemptJson(attempt), startedAt: attempt.startedAt.getTime() };
      return this.#stmt('appendAttempt', sql.appendAttempt).run(params).changes === 1;
    });
  }

  async heartbeat(runId: string, instanceId: string, leaseMs: number, progress?: unknown): Promise<boolean> {
    return this.#op('heartbeat', (db) => {
      const params = {
        id: runId,
        instanceId,
        now: this.#nowMs(db),
        leaseMs,
        progress: toJsonText(progress, `Progress of run ${runId}`),
      };
      return this.#stmt('heartbeat', sql.heartbeat).run(params).changes === 1;
    });
  }

  async finishRun(runId: string, request: FinishRequest): Promise<boolean> {
    return this.#op('finishRun', () => {
      const params = {
        id: runId,
        instanceId: request.instanceId,
        status: request.status,
        finishedAt: request.finishedAt.getTime(),
        result: toJsonText(request.result, `The result of run ${runId}`),
        error: toJsonText(request.error),
        reason: request.reason ?? null,
      };
      return this.#stmt('finishRun', sql.finishRun).run(params).changes === 1;
    });
  }

  async reapExpiredRuns(): Promise<ReapResult> {
    return this.#op('reapExpiredRuns', (db) => {
      const params = { now: this.#nowMs(db), reason: LEASE_EXPIRED_REASON };
      const abandoned = (this.#stmt('reapExpiredRuns', sql.reapExpiredRuns).all(params) as SqliteRunRow[]).map(toRun);
      const { next } = this.#stmt('selectNextLeaseExpiry', sql.selectNextLeaseExpiry).get() as { next: number | null };
      return { abandoned, nextLeaseExpiresAt: next === null ? undefined : new Date(next) };
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.#op('getRun', () => {
      const row = this.#stmt('selectRun', sql.selectRun).get({ id }) as SqliteRunRow | undefined;
      return row && toRun(row);
    });
  }

  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    return this.#op('listRuns', () => {
      const plan = runsQueryPlan(query);
      if (!plan) return { runs: [] };
      const { shape, params, limit } = plan;
      const rows = this.#stmt(`selectRuns:${JSON.stringify(shape)}`, (t) => sql.selectRuns(t, shape)).all(
        params,
      ) as SqliteRunRow[];
      const runs = rows.slice(0, limit).map(toRun);
      const last = runs[runs.length - 1];
      if (rows.length <= limit || !last) return { runs };
      return { runs, nextCursor: encodeCursor({ scheduledForMs: last.scheduledFor.getTime(), id: last.id }) };
    });
  }

  async listRunning(job?: string): Promise<RunRecord[]> {
    return this.#op('listRunning', () => {
      const byJob = job !== undefined;
      const statement = this.#stmt(`selectRunning:${byJob}`, (t) => sql.selectRunning(t, byJob));
      return (statement.all(byJob ? { job } : {}) as SqliteRunRow[]).map(toRun);
    });
  }

  async latestRuns(
    options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] } = {},
  ): Promise<Map<string, RunRecord>> {
    return this.#op('latestRuns', () => {
      const shape = { jobs: options.jobs !== undefined, statuses: options.statuses !== undefined };
      const params: Params = {};
      if (options.jobs) params.jobs = JSON.stringify(options.jobs);
      if (options.statuses) params.statuses = JSON.stringify(options.statuses);
      const rows = this.#stmt(`latestRuns:${shape.jobs}:${shape.statuses}`, (t) => sql.selectLatestRuns(t, shape)).all(
        params,
      ) as SqliteRunRow[];
      return new Map(rows.map((row) => [row.job, toRun(row)]));
    });
  }

  async lastSlot(job: string): Promise<Date | undefined> {
    return this.#op('lastSlot', () => {
      const row = this.#stmt('selectLastSlot', sql.selectLastSlot).get({ job }) as
        | { scheduled_for: number }
        | undefined;
      return row && new Date(row.scheduled_for);
    });
  }

  async jobStats(job: string, window: { from: Date; to: Date }): Promise<JobStats> {
    return this.#op('jobStats', () => {
      const range = { job, from: window.from.getTime(), to: window.to.getTime() };
      const counts = this.#stmt('selectStatusCounts', sql.selectStatusCounts).all(range) as {
        status: RunStatus;
        n: number;
      }[];
      const durations = (
        this.#stmt('selectDurations', sql.selectDurations).all(range) as { duration_ms: number }[]
      ).map((row) => row.duration_ms);
      const streak = this.#stmt('selectStreak', sql.selectStreak).get({ job }) as {
        consecutive_failures: number;
        last_success_at: number | null;
      };
      return assembleJobStats({
        job,
        byStatus: Object.fromEntries(counts.map((row) => [row.status, row.n])),
        durationMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) },
        consecutiveFailures: streak.consecutive_failures,
        lastSuccessAt: streak.last_success_at === null ? undefined : new Date(streak.last_success_at),
      });
    });
  }

  async pruneRuns(options: PruneOptions): Promise<number> {
    return this.#op('pruneRuns', (db) =>
      this.#immediate(db, () => {
        let deleted = 0;
        if (options.keepPerJob !== undefined) {
          const keep = Math.max(0, Math.floor(options.keepPerJob));
          deleted += this.#stmt('pruneKeepPerJob', sql.pruneKeepPerJob).run({ keep }).changes;
        }
        if (options.olderThan !== undefined) {
          deleted += this.#stmt('pruneOlderThan', sql.pruneOlderThan).run({
            olderThan: options.olderThan.getTime(),
          }).changes;
        }
        return deleted;
      }),
    );
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    return this.#op('getState', () => {
      const row = this.#stmt('selectState', sql.selectState).get({ key }) as { value: string } | undefined;
      return fromJsonText<T>(row?.value);
    });
  }

  async setState(key: string, value: unknown): Promise<void> {
    return this.#op('setState', (db) => {
      if (value === undefined) this.#stmt('deleteState', sql.deleteState).run({ key });
      else
        this.#stmt('upsertState', sql.upsertState).run({
          key,
          value: toJsonText(value, `State "${key}"`),
          now: this.#nowMs(db),
        });
    });
  }

  async #open(): Promise<BetterSqlite3Database> {
    const connection = this.#connection;
    this.#db =
      'database' in connection
        ? connection.database
        : await openSqliteFile(connection.filename, connection.readonly ?? false);
    return this.#db;
  }

  /** Runs `work` on the initialised connection, turning driver failures into StoreErrors. */
  async #op<T>(operation: string, work: (db: BetterSqlite3Database) => T): Promise<T> {
    this.#assertOpen(operation);
    const db = this.#db;
    if (!this.#ready || !db) {
      throw new StoreError(
        operation,
        `Cannot run ${operation}: the SQLite store on "${this.#file}" is not initialised. Call store.init() first (the scheduler's start() does).`,
      );
    }
    return this.#wrap(operation, () => work(db));
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

  /**
   * `BEGIN IMMEDIATE` takes the write lock up front, so a read-decide-write
   * of several statements is atomic across processes. (A single autocommit
   * write needs none: SQLite retries its snapshot under the busy timeout.)
   */
  #immediate<T>(db: BetterSqlite3Database, work: () => T): T {
    this.#stmt('begin', () => 'BEGIN IMMEDIATE').run();
    try {
      const result = work();
      this.#stmt('commit', () => 'COMMIT').run();
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  #nowMs(db: BetterSqlite3Database): number {
    if (this.#clock) return this.#clock.now();
    const statement = this.#statements.get('selectNow') ?? db.prepare(sql.selectNow());
    this.#statements.set('selectNow', statement);
    return (statement.get() as { now: number }).now;
  }

  #stmt(key: string, build: (t: SqliteTables) => string): BetterSqlite3Statement {
    let statement = this.#statements.get(key);
    if (!statement) {
      statement = (this.#db as BetterSqlite3Database).prepare(build(this.#tables));
      this.#statements.set(key, statement);
    }
    return statement;
  }
}
