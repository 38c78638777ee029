import { sleep } from '../core/capped-timer.js';
import { InvalidOptionError } from '../core/errors.js';
import { componentSite, integerAtLeast, isPlainObject, positiveNumber } from '../core/validate.js';
import type { ExternalJobChange, ExternalJobSource, ExternalJobsHost, ExternalJobsPlan } from '../job/external-jobs.js';
import type { JobDefinition } from '../job/types.js';
import type { PgPoolLike } from '../store/postgres/driver-types.js';
import { createOwnPool } from '../store/postgres/load-pg.js';
import type { Store } from '../store/types.js';
import { launcherRunning, listCronJobs } from './cron-jobs.js';
import { ingestedJob, ingestRuns } from './ingest.js';
import { recordMissedSlots } from './missed-slots.js';
import type { PgCronJobsOptions } from './options.js';
import type { PgCronJobDefinition } from './pg-cron-job.js';
import { stepAudits, stepChanges } from './reconcile.js';
import { type IngestedJob, purgeRunDetails } from './run-details.js';
import { reconcileCronJobs } from './sync-cron-jobs.js';

const SITE = componentSite('pgCronJobs');
/** Purges of `job_run_details` are at most this frequent. */
const PURGE_EVERY_MS = 3_600_000;

/**
 * SQL jobs run by PostgreSQL's pg_cron, managed from code: pass to
 * `createScheduler({ externalJobs: [pgCronJobs({ ... })] })`.
 *
 * On `start()` (and on every poll) the prefixed rows of `cron.job` are reconciled with the
 * definitions and the operator state in the store (pause → inactive, schedule override →
 * schedule), under an advisory lock so instances starting together create nothing twice.
 * Every poll records pg_cron's finished executions in the run history (once, whichever instance
 * sees them first), records slots pg_cron did not run as `missed`, and deletes executions older
 * than `retentionMs` from `cron.job_run_details`.
 */
export class PgCronJobs implements ExternalJobSource {
  readonly name = 'pg_cron';
  readonly jobs: readonly JobDefinition[];
  readonly #defs: ReadonlyMap<string, PgCronJobDefinition>;
  readonly #o: Required<Omit<PgCronJobsOptions, 'jobs'>>;
  #pool: PgPoolLike | undefined;
  #host: ExternalJobsHost | undefined;
  #loop: { controller: AbortController; done: Promise<void> } | undefined;
  #lastPurgeMs = Number.NEGATIVE_INFINITY;

  constructor(options: PgCronJobsOptions) {
    if (!isPlainObject(options) || !Array.isArray(options.jobs)) {
      throw new InvalidOptionError('pgCronJobs: expected `{ connection, jobs }` with jobs from definePgCronJob().', {
        component: 'pgCronJobs',
        option: 'jobs',
      });
    }
    const prefix = options.prefix ?? 'scheduler:';
    this.#o = {
      connection: options.connection,
      prefix,
      pollIntervalMs: positiveNumber(SITE, 'pollIntervalMs', options.pollIntervalMs, 30_000),
      missedAfterMs: integerAtLeast(SITE, 'missedAfterMs', options.missedAfterMs, 0, 120_000),
      retentionMs: positiveNumber(SITE, 'retentionMs', options.retentionMs, 90 * 86_400_000),
    };
    checkNames(options.jobs, prefix);
    this.#defs = new Map(options.jobs.map((def) => [def.name, def]));
    this.jobs = options.jobs.map((def) => def.job);
  }

  /** What `start()` would change in `cron.job` (nothing is written). */
  async plan(store: Store): Promise<ExternalJobsPlan> {
    const defs = [...this.#defs.values()];
    const steps = await reconcileCronJobs(await this.#connect(), this.#o.prefix, defs, store, true);
    return { source: this.name, changes: stepChanges(steps) };
  }

  async start(host: ExternalJobsHost, signal?: AbortSignal): Promise<ExternalJobsPlan> {
    this.#host = host;
    await this.ingest();
    const changes = await this.#reconcile(host);
    const controller = new AbortController();
    signal?.throwIfAborted();
    this.#loop = { controller, done: this.#poll(host, controller.signal) };
    return { source: this.name, changes };
  }

  /** Applies the operator state in the store (pause, resume, override) to `cron.job` now. */
  async sync(): Promise<void> {
    if (this.#host) await this.#reconcile(this.#host);
  }

  /**
   * One pass now: records pg_cron's finished executions in history, then the slots it did not
   * run as `missed`. Returns how many runs this call recorded. (`start()` polls by itself.)
   */
  async ingest(signal?: AbortSignal): Promise<number> {
    const host = this.#requireHost('ingest');
    const pool = await this.#connect();
    const base = { pool, store: host.store, prefix: this.#o.prefix, recorded: host.runRecorded };
    const rows = await listCronJobs(pool, this.#o.prefix);
    const jobs = new Map<string, IngestedJob>();
    for (const row of rows) {
      const def = this.#defs.get(row.jobname.slice(this.#o.prefix.length));
      if (def) jobs.set(row.jobid, ingestedJob(row, def));
    }
    const executed = await ingestRuns({ ...base, jobs }, signal);
    const missed = await recordMissedSlots(
      { ...base, defs: this.#defs, instanceId: host.instanceId, missedAfterMs: this.#o.missedAfterMs },
      rows,
      host.nowMs(),
    );
    return executed + missed;
  }

  /** Deletes the prefixed jobs' executions older than `retentionMs` from `cron.job_run_details`; how many. */
  async purge(): Promise<number> {
    const nowMs = this.#host?.nowMs() ?? Date.now();
    return purgeRunDetails(await this.#connect(), this.#o.prefix, new Date(nowMs - this.#o.retentionMs));
  }

  /** Whether pg_cron's launcher, the server process that starts the jobs, is running (for readiness probes). */
  async launcherRunning(): Promise<boolean> {
    return launcherRunning(await this.#connect());
  }

  async stop(): Promise<void> {
    const loop = this.#loop;
    this.#loop = undefined;
    if (loop) {
      loop.controller.abort();
      await loop.done;
    }
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool && 'connectionString' in this.#o.connection) await pool.end();
  }

  /** Applies the reconcile; records what it created, changed or removed in the audit log. */
  async #reconcile(host: ExternalJobsHost): Promise<ExternalJobChange[]> {
    const steps = await reconcileCronJobs(
      await this.#connect(),
      this.#o.prefix,
      [...this.#defs.values()],
      host.store,
      false,
    );
    for (const entry of stepAudits(steps, host.instanceId)) {
      await host.store
        .appendAudit(entry)
        .catch((error: unknown) => host.reportError('pg_cron audit log entry', error, 0));
    }
    return stepChanges(steps);
  }

  async #poll(host: ExternalJobsHost, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const delayMs =
        failures === 0 ? this.#o.pollIntervalMs : Math.min(this.#o.pollIntervalMs * 2 ** failures, 300_000);
      try {
        await sleep(host.clock, delayMs, { signal, unref: true });
        await this.#pass(host, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        failures = Math.min(failures + 1, 8);
        host.reportError('pg_cron poll', error, this.#o.pollIntervalMs * 2 ** failures);
      }
    }
  }

  async #pass(host: ExternalJobsHost, signal: AbortSignal): Promise<void> {
    await this.ingest(signal);
    await this.sync();
    if (host.nowMs() - this.#lastPurgeMs >= PURGE_EVERY_MS) {
      await this.purge();
      this.#lastPurgeMs = host.nowMs();
    }
  }

  #requireHost(operation: string): ExternalJobsHost {
    if (this.#host) return this.#host;
    throw new InvalidOptionError(
      `pgCronJobs: ${operation}() needs the scheduler's store: pass the source to createScheduler({ externalJobs }) and start the scheduler first.`,
      { component: 'pgCronJobs', option: operation },
    );
  }

  async #connect(): Promise<PgPoolLike> {
    if (this.#pool) return this.#pool;
    const connection = this.#o.connection;
    this.#pool =
      'pool' in connection
        ? connection.pool
        : await createOwnPool({ connectionString: connection.connectionString, max: 2 });
    return this.#pool;
  }
}

function checkNames(jobs: readonly PgCronJobDefinition[], prefix: string): void {
  for (const job of jobs) {
    if (Buffer.byteLength(prefix + job.name) > 63) {
      throw new InvalidOptionError(
        `pgCronJobs: the pg_cron job name "${prefix}${job.name}" (prefix "${prefix}" plus job "${job.name}") is over pg_cron's 63 bytes. Shorten the prefix or the job name.`,
        { component: 'pgCronJobs', option: 'prefix' },
      );
    }
  }
}

/**
 * SQL jobs run by pg_cron, as a source of external jobs for `createScheduler({ externalJobs })`.
 * See {@link PgCronJobs}.
 *
 * @example
 * ```ts
 * const pgCron = pgCronJobs({
 *   connection: { pool },
 *   jobs: [definePgCronJob({ name: 'analyze-cards', schedule: '30 4 * * *', sql: 'ANALYZE cards' })],
 * });
 * const scheduler = createScheduler({ jobs, store, externalJobs: [pgCron] });
 * ```
 */
export function pgCronJobs(options: PgCronJobsOptions): PgCronJobs {
  return new PgCronJobs(options);
}
