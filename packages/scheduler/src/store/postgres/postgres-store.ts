import { createHash } from 'node:crypto';
import { type Clock, systemClock } from '../../clock.js';
import { StoreError } from '../../errors.js';
import { ChangeFeed } from '../change-feed.js';
import { encodeCursor } from '../cursor.js';
import { planJobs } from '../job-plan.js';
import { assembleJobStats } from '../job-stats.js';
import { toJsonText } from '../json.js';
import { LEASE_EXPIRED_REASON } from '../run-record.js';
import { attemptJson, circuitJson } from '../sqlite/rows.js';
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
  StoreChangeListener,
  StoreWatch,
} from '../types.js';
import { type PgClaimJson, toClaimResult } from './claim-result.js';
import type { PgClientLike, PgPoolLike, PgQueryResultLike } from './driver-types.js';
import { PgChangeListener } from './listener.js';
import { createOwnPool } from './load-pg.js';
import { migratePostgres } from './migrate.js';
import type { PostgresStoreConnection, PostgresStoreOptions } from './options.js';
import { type Query, q, runsQueryPlan, specValues, toReleaseError } from './query.js';
import { type PgJobRow, type PgRunRow, toJob, toRun } from './rows.js';
import { sql } from './statements.js';
import {
  connectionSecrets,
  describeConnectionString,
  describePool,
  type PgFailureContext,
  pgStoreError,
} from './store-error.js';
import { type PgTables, pgTables } from './tables.js';

type Queryable = { query: PgPoolLike['query'] };

const MAX_CLAIM_ROUNDS = 5;
const CLAIM_RUN: Query = q('claimRun', sql.claimRun);
const CHANGED_JOBS: Query = { key: 'selectJobs:changed', build: (t) => sql.selectJobs(t, true) };

/** The PostgreSQL {@link Store}: see `createPostgresStore`. */
export class PostgresStore implements Store {
  readonly #connection: PostgresStoreConnection;
  readonly #tables: PgTables;
  readonly #clock: Clock | undefined;
  readonly #target: string;
  readonly #failure: PgFailureContext;
  readonly #texts = new Map<string, { name: string; text: string }>();
  #pool: PgPoolLike | undefined;
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
    const pool = this.#pool ?? (await this.#createPool());
    await this.#guard('init', () => this.#transaction(pool, (client) => migratePostgres(client, this.#tables)));
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

  /**
   * Reports job row changes through `LISTEN/NOTIFY` (best effort: `complete: false`, so the
   * scheduler polls as well); reports nothing with `listen: false`. The first watch starts
   * the listening connection; it is given back at `close()`.
   */
  async watch(listener: StoreChangeListener, signal: AbortSignal): Promise<StoreWatch> {
    const pool = await this.#op('watch', async (db) => db);
    if (!this.#listenEnabled) return { complete: false };
    this.#listener ??= this.#startListener(pool);
    try {
      await this.#listener;
    } catch (error) {
      this.#listener = undefined;
      throw pgStoreError('watch', this.#failure, error);
    }
    this.#feed.add(listener, signal);
    return { complete: false };
  }

  async #startListener(pool: PgPoolLike): Promise<PgChangeListener> {
    const listener = new PgChangeListener(
      () => pool.connect(),
      this.#tables.channel,
      this.#feed,
      this.#clock ?? systemClock,
    );
    await listener.start();
    return listener;
  }

  async now(): Promise<Date> {
    if (this.#clock) {
      this.#assertOpen('now');
      return new Date(this.#clock.now());
    }
    return this.#op(
      'now',
      async (db) => (await this.#rows<{ now: Date }>(db, q('selectNow', sql.selectNow)))[0]?.now as Date,
    );
  }

  async reconcileJobs(
    specs: readonly JobSpec[],
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ): Promise<JobPlan> {
    return this.#op('reconcileJobs', (pool) =>
      this.#transaction(pool, async (client) => {
        await this.#run(client, q('lockReconcile', sql.lockReconcile), [`scheduler:reconcile:${this.#tables.schema}`]);
        const existing = (await this.#rows<PgJobRow>(client, q('selectJobs', sql.selectJobs))).map(toJob);
        const work = planJobs(existing, specs, options.removeMissing ?? false);
        if (options.dryRun) return work.plan;
        const now = this.#nowParam();
        const closed = circuitJson({ state: 'closed', consecutiveFailures: 0 });
        for (const spec of work.inserts)
          await this.#run(client, q('insertJob', sql.insertJob), [...specValues(spec), closed, now]);
        for (const spec of work.updates)
          await this.#run(client, q('updateJobSpec', sql.updateJobSpec), [...specValues(spec), now]);
        for (const name of work.deletes) await this.#run(client, q('deleteJob', sql.deleteJob), [name]);
        return work.plan;
      }),
    );
  }

  async listJobs(options: ListJobsOptions = {}): Promise<JobState[]> {
    return this.#op('listJobs', async (db) => {
      const since = options.updatedSince;
      const rows = since
        ? await this.#rows<PgJobRow>(db, CHANGED_JOBS, [since])
        : await this.#rows<PgJobRow>(db, q('selectJobs', sql.selectJobs));
      return rows.map(toJob);
    });
  }

  async getJob(name: string): Promise<JobState | undefined> {
    return this.#op('getJob', async (db) => {
      const [row] = await this.#rows<PgJobRow>(db, q('selectJob', sql.selectJob), [name]);
      return row && toJob(row);
    });
  }

  async updateJob(name: string, patch: JobStatePatch): Promise<JobState | undefined> {
    return this.#op('updateJob', async (db) => {
      const [row] = await this.#rows<PgJobRow>(db, q('patchJob', sql.patchJob), [
        name,
        this.#nowParam(),
        patch.paused !== undefined,
        patch.paused ?? false,
        patch.pauseNote !== undefined,
        patch.pauseNote ?? null,
        patch.scheduleOverride !== undefined,
        patch.scheduleOverride ?? null,
        patch.circuit ? circuitJson(patch.circuit) : null,
      ]);
      return row && toJob(row);
    });
  }

  async claimRun(request: ClaimRequest): Promise<ClaimResult> {
    return this.#op('claimRun', async (db) => {
      const values = [
        this.#nowParam(),
        request.id,
        request.job,
        request.scheduledFor,
        request.claimKey,
        request.trigger,
        request.status ?? 'running',
        request.reason ?? null,
        request.instanceId,
        request.leaseMs,
        LEASE_EXPIRED_REASON,
      ];
      for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
        const [row] = await this.#rows<{ claim: PgClaimJson }>(db, CLAIM_RUN, values);
        const result = toClaimResult(request, row?.claim ?? null);
        if (result) return result;
        // The holder changed under the claim each time it looked (abandoned, pruned, re-claimed): try again.
      }
      throw new StoreError(
        'claimRun',
        `Cannot claim slot ${request.claimKey} of job "${request.job}" in PostgreSQL at ${this.#target}: its holder changed ${MAX_CLAIM_ROUNDS} times during the claim. Retry later.`,
      );
    });
  }

  async recordAttempt(runId: string, instanceId: string, attempt: RunAttempt): Promise<boolean> {
    return this.#op('recordAttempt', async (db) => {
      const values = [runId, instanceId, attemptJson(attempt), attempt.startedAt];
      return (await this.#run(db, q('appendAttempt', sql.appendAttempt), values)) === 1;
    });
  }

  async heartbeat(runId: string, instanceId: string, leaseMs: number, progress?: unknown): Promise<boolean> {
    return this.#op('heartbeat', async (db) => {
      const values = [runId, instanceId, this.#nowParam(), leaseMs, toJsonText(progress, `Progress of run ${runId}`)];
      return (await this.#run(db, q('heartbeat', sql.heartbeat), values)) === 1;
    });
  }

  async finishRun(runId: string, request: FinishRequest): Promise<boolean> {
    return this.#op('finishRun', async (db) => {
      const values = [
        runId,
        request.instanceId,
        request.status,
        request.finishedAt,
        toJsonText(request.result, `The result of run ${runId}`),
        toJsonText(request.error),
        request.reason ?? null,
      ];
      return (await this.#run(db, q('finishRun', sql.finishRun), values)) === 1;
    });
  }

  async reapExpiredRuns(): Promise<ReapResult> {
    return this.#op('reapExpiredRuns', async (db) => {
      const rows = await this.#rows<PgRunRow>(db, q('reapExpiredRuns', sql.reapExpiredRuns), [
        this.#nowParam(),
        LEASE_EXPIRED_REASON,
      ]);
      const [row] = await this.#rows<{ next: Date | null }>(db, q('selectNextLeaseExpiry', sql.selectNextLeaseExpiry));
      return { abandoned: rows.map(toRun), nextLeaseExpiresAt: row?.next ?? undefined };
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.#op('getRun', async (db) => {
      const [row] = await this.#rows<PgRunRow>(db, q('selectRun', sql.selectRun), [id]);
      return row && toRun(row);
    });
  }

  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    return this.#op('listRuns', async (db) => {
      const plan = runsQueryPlan(query);
      if (!plan) return { runs: [] };
      const { shape, values, limit } = plan;
      // named per shape and page size: the LIMIT is part of the text, so the cached generic plan walks the index
      const statement = q(`selectRuns:${JSON.stringify(shape)}:${limit}`, (t) => sql.selectRuns(t, shape, limit + 1));
      const rows = await this.#rows<PgRunRow>(db, statement, values);
      const runs = rows.slice(0, limit).map(toRun);
      const last = runs[runs.length - 1];
      if (rows.length <= limit || !last) return { runs };
      return { runs, nextCursor: encodeCursor({ scheduledForMs: last.scheduledFor.getTime(), id: last.id }) };
    });
  }

  async listRunning(job?: string): Promise<RunRecord[]> {
    return this.#op('listRunning', async (db) => {
      const byJob = job !== undefined;
      const query = { key: `selectRunning:${byJob}`, build: (t: PgTables) => sql.selectRunning(t, byJob) };
      return (await this.#rows<PgRunRow>(db, query, byJob ? [job] : [])).map(toRun);
    });
  }

  async latestRuns(
    options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] } = {},
  ): Promise<Map<string, RunRecord>> {
    return this.#op('latestRuns', async (db) => {
      const shape = { jobs: options.jobs !== undefined, statuses: options.statuses !== undefined };
      const values: unknown[] = [];
      if (options.jobs) values.push([...options.jobs]);
      if (options.statuses) values.push([...options.statuses]);
      const query = {
        key: `latestRuns:${shape.jobs}:${shape.statuses}`,
        build: (t: PgTables) => sql.selectLatestRuns(t, shape),
      };
      const rows = await this.#rows<PgRunRow>(db, query, values);
      return new Map(rows.map((row) => [row.job, toRun(row)]));
    });
  }

  async lastSlot(job: string): Promise<Date | undefined> {
    return this.#op('lastSlot', async (db) => {
      const [row] = await this.#rows<{ scheduled_for: Date }>(db, q('selectLastSlot', sql.selectLastSlot), [job]);
      return row?.scheduled_for;
    });
  }

  async jobStats(job: string, window: { from: Date; to: Date }): Promise<JobStats> {
    return this.#op('jobStats', async (db) => {
      const range = [job, window.from, window.to];
      const [counts, [percentiles], [streak]] = await Promise.all([
        this.#rows<{ status: RunStatus; n: number }>(db, q('selectStatusCounts', sql.selectStatusCounts), range),
        this.#rows<{ percentiles: (string | number)[] | null }>(
          db,
          q('selectDurationPercentiles', sql.selectDurationPercentiles),
          range,
        ),
        this.#rows<{ consecutive_failures: number; last_success_at: Date | null }>(
          db,
          q('selectStreak', sql.selectStreak),
          [job],
        ),
      ]);
      const [p50, p95, p99] = (percentiles?.percentiles ?? []).map(Number);
      return assembleJobStats({
        job,
        byStatus: Object.fromEntries(counts.map((row) => [row.status, row.n])),
        durationMs: { p50, p95, p99 },
        consecutiveFailures: streak?.consecutive_failures ?? 0,
        lastSuccessAt: streak?.last_success_at ?? undefined,
      });
    });
  }

  async pruneRuns(options: PruneOptions): Promise<number> {
    return this.#op('pruneRuns', (pool) =>
      this.#transaction(pool, async (client) => {
        let deleted = 0;
        if (options.keepPerJob !== undefined) {
          const keep = Math.max(0, Math.floor(options.keepPerJob));
          deleted += await this.#run(client, q('pruneKeepPerJob', sql.pruneKeepPerJob), [keep]);
        }
        if (options.olderThan !== undefined) {
          deleted += await this.#run(client, q('pruneOlderThan', sql.pruneOlderThan), [options.olderThan]);
        }
        return deleted;
      }),
    );
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    return this.#op('getState', async (db) => {
      const [row] = await this.#rows<{ value: T }>(db, q('selectState', sql.selectState), [key]);
      return row?.value;
    });
  }

  async setState(key: string, value: unknown): Promise<void> {
    await this.#op('setState', async (db) => {
      if (value === undefined) await this.#run(db, q('deleteState', sql.deleteState), [key]);
      else
        await this.#run(db, q('upsertState', sql.upsertState), [
          key,
          toJsonText(value, `State "${key}"`),
          this.#nowParam(),
        ]);
    });
  }

  async #createPool(): Promise<PgPoolLike> {
    const connection = this.#connection;
    if ('pool' in connection) {
      this.#pool = connection.pool;
      return connection.pool;
    }
    const pool = await createOwnPool(connection);
    this.#pool = pool;
    return pool;
  }

  async #op<T>(operation: string, work: (pool: PgPoolLike) => Promise<T>): Promise<T> {
    this.#assertOpen(operation);
    const pool = this.#pool;
    if (!this.#ready || !pool) {
      throw new StoreError(
        operation,
        `Cannot run ${operation}: the PostgreSQL store at ${this.#target} is not initialised. Call store.init() first (the scheduler's start() does).`,
      );
    }
    return this.#guard(operation, () => work(pool));
  }

  async #guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw pgStoreError(operation, this.#failure, error);
    }
  }

  async #transaction<T>(pool: PgPoolLike, work: (client: PgClientLike) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query({ text: 'BEGIN' });
      const result = await work(client);
      await client.query({ text: 'COMMIT' });
      client.release();
      return result;
    } catch (error) {
      const broken = await client.query({ text: 'ROLLBACK' }).then(
        () => false,
        () => true,
      );
      client.release(broken ? toReleaseError(error) : undefined);
      throw error;
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

  /** The injected clock's time, or `null` so the statement uses the database's `now()`. */
  #nowParam(): Date | null {
    return this.#clock ? new Date(this.#clock.now()) : null;
  }

  /** A named (per-connection prepared) statement for `query`. */
  #statement(query: Query): { name: string; text: string } {
    let statement = this.#texts.get(query.key);
    if (!statement) {
      const text = query.build(this.#tables);
      statement = { name: `psched_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
      this.#texts.set(query.key, statement);
    }
    return statement;
  }

  async #send(db: Queryable, query: Query, values: unknown[]): Promise<PgQueryResultLike> {
    const statement = this.#statement(query);
    return db.query({ ...statement, values });
  }

  async #rows<R>(db: Queryable, query: Query, values: unknown[] = []): Promise<R[]> {
    return (await this.#send(db, query, values)).rows as R[];
  }

  async #run(db: Queryable, query: Query, values: unknown[] = []): Promise<number> {
    return (await this.#send(db, query, values)).rowCount ?? 0;
  }
}
