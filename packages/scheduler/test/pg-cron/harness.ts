/** One throwaway pg_cron cluster per test file, a store beside it, and schedulers over both. */
import pg from 'pg';
import { expect } from 'vitest';
import {
  type PgCronCluster,
  pgCronUnavailable,
  startPgCronCluster,
} from '../../../../tools/test-postgres/pg-cron-cluster.js';
import type { Alert, Clock, Notifier, RunRecord, Scheduler, Store } from '../../src/index.js';
import { createScheduler } from '../../src/index.js';
import { definePgCronJob, type PgCronJobOptions, type PgCronJobs, pgCronJobs } from '../../src/pg-cron.js';
import { createPostgresStore } from '../../src/postgres.js';

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;

/**
 * Why the pg_cron suites cannot run here (printed once by the suite), or `undefined`. In CI the
 * suite must run: there the reason is thrown instead, so a skipped suite fails the build.
 */
export function pgCronSkipReason(): string | undefined {
  const reason = pgCronUnavailable();
  if (reason && process.env.CI) throw new Error(`${reason}; CI must run the pg_cron suite (.ci/run installs it).`);
  if (reason) console.log(reason);
  return reason;
}

/** A cluster, an admin pool on its pg_cron database, and a fresh store schema per test. */
export class PgCronWorld {
  cluster!: PgCronCluster;
  admin!: pg.Pool;
  storeUrl!: string;
  #counter = 0;
  readonly #cleanup: (() => Promise<unknown>)[] = [];

  async open(): Promise<void> {
    this.cluster = await startPgCronCluster();
    this.admin = newPool(this.cluster.url);
    this.storeUrl = await this.cluster.databaseUrl('scheduler_store');
  }

  async close(): Promise<void> {
    await this.admin?.end();
    await this.cluster?.stop();
  }

  /** Disposes what the test opened, newest first. */
  async afterEach(): Promise<void> {
    while (this.#cleanup.length > 0) await this.#cleanup.pop()?.();
    await this.admin.query(`SELECT cron.unschedule(jobid) FROM cron.job`);
    await this.admin.query('DELETE FROM cron.job_run_details');
  }

  /** A PostgreSQL store in its own schema (`clock` for store-set times, in fake-time tests). */
  store(clock?: Clock, schema = `s${++this.#counter}`): Store {
    const store = createPostgresStore({ connectionString: this.storeUrl }, { schema, ...(clock ? { clock } : {}) });
    this.#cleanup.push(() => store.close());
    return store;
  }

  /** A source of `jobs` on its own pool (as an instance would have). */
  source(jobs: readonly PgCronJobOptions[], options: { prefix?: string; pollIntervalMs?: number } = {}): PgCronJobs {
    return pgCronJobs({
      connection: { connectionString: this.cluster.url },
      jobs: jobs.map((job) => definePgCronJob(job)),
      prefix: options.prefix ?? 'test:',
      pollIntervalMs: options.pollIntervalMs ?? 60 * MINUTE,
    });
  }

  /** A started scheduler over `source` (stopped after the test), and what it reports. */
  async scheduler(source: PgCronJobs, store: Store, options: { clock?: Clock; instanceId?: string } = {}) {
    const alerts: Alert[] = [];
    const finished: RunRecord[] = [];
    const notifier: Notifier = { name: 'test', notify: async (alert) => void alerts.push(alert) };
    const scheduler: Scheduler = createScheduler({
      jobs: [],
      externalJobs: [source],
      store,
      notifier,
      keepAlive: false,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    });
    scheduler.on('run:finished', ({ run }) => finished.push(run));
    this.#cleanup.push(() => scheduler.stop());
    const plan = await scheduler.start();
    return { scheduler, plan, alerts, finished };
  }

  /** The prefixed and other rows of `cron.job`, by name. */
  async cronJobs(): Promise<{ jobid: string; jobname: string; schedule: string; command: string; active: boolean }[]> {
    const { rows } = await this.admin.query(
      'SELECT jobid::text AS jobid, jobname, schedule, command, active FROM cron.job ORDER BY jobname',
    );
    return rows;
  }

  /** Writes executions into `cron.job_run_details` as pg_cron does (one per start, with its outcome). */
  async insertRuns(
    jobname: string,
    runs: readonly { startMs: number; status?: 'succeeded' | 'failed'; message?: string }[],
  ): Promise<void> {
    const { rows } = await this.admin.query(
      'SELECT jobid, command, database, username FROM cron.job WHERE jobname = $1',
      [jobname],
    );
    const job = rows[0];
    expect(job, `cron.job row ${jobname}`).toBeDefined();
    await this.admin.query(
      `INSERT INTO cron.job_run_details (jobid, job_pid, database, username, command, status, return_message, start_time, end_time)
SELECT $1, 4242, $2, $3, $4, s.status, s.message, s.start_time, s.start_time + interval '25 milliseconds'
FROM unnest($5::text[], $6::text[], $7::timestamptz[]) AS s(status, message, start_time)`,
      [
        job.jobid,
        job.database,
        job.username,
        job.command,
        runs.map((run) => run.status ?? 'succeeded'),
        runs.map((run) => run.message ?? (run.status === 'failed' ? 'ERROR:  division by zero' : 'ANALYZE')),
        runs.map((run) => new Date(run.startMs + 3)),
      ],
    );
  }
}

export function newPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  return pool;
}
