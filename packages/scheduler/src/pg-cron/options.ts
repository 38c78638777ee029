import type { PgPoolLike } from '../store/postgres/driver-types.js';
import type { PgCronJobDefinition } from './pg-cron-job.js';

/** Options of `pgCronJobs`. */
export interface PgCronJobsOptions {
  /**
   * The database pg_cron lives in (`cron.database_name`): your `pg.Pool` (never ended by the
   * source) or a connection string (the source opens a small pool and closes it on `stop()`).
   * The role needs pg_cron's functions (`cron.schedule_in_database`, `cron.alter_job`,
   * `cron.unschedule`) and sees the executions of the jobs it owns.
   */
  connection: { pool: PgPoolLike } | { connectionString: string };
  /** The jobs, from `definePgCronJob`. */
  jobs: readonly PgCronJobDefinition[];
  /**
   * Only `cron.job` rows whose name starts with this are created, changed or removed; every
   * other job is left alone. Prefix plus job name must fit pg_cron's 63-byte job names.
   * @default 'scheduler:'
   */
  prefix?: string;
  /** How often executions are recorded, missed slots looked for and operator changes applied, ms. @default 30000 */
  pollIntervalMs?: number;
  /** A slot with no execution this long after it is recorded `missed`, ms. @default 120000 */
  missedAfterMs?: number;
  /**
   * Executions of the prefixed jobs older than this are deleted from `cron.job_run_details`
   * (they are in the scheduler's history), ms. Use the history retention. @default 7776000000 (90 days)
   */
  retentionMs?: number;
}
