/**
 * `@pokemon/scheduler/pg-cron`: SQL jobs that PostgreSQL runs with the pg_cron extension,
 * defined in code, reconciled into `cron.job` under a prefix, and recorded in the scheduler's
 * history like its own runs. Needs the optional `pg` peer when given a connection string.
 *
 * @example
 * ```ts
 * import { createScheduler } from '@pokemon/scheduler';
 * import { definePgCronJob, pgCronJobs } from '@pokemon/scheduler/pg-cron';
 *
 * const pgCron = pgCronJobs({
 *   connection: { connectionString: process.env.DATABASE_URL! },
 *   jobs: [definePgCronJob({ name: 'analyze-cards', schedule: '30 4 * * *', sql: 'ANALYZE cards' })],
 * });
 * const scheduler = createScheduler({ jobs: [], store, externalJobs: [pgCron] });
 * await scheduler.start();
 * ```
 *
 * @packageDocumentation
 */

export { NOT_RUN_REASON } from './pg-cron/missed-slots.js';
export type { PgCronJobsOptions } from './pg-cron/options.js';
export {
  definePgCronJob,
  MAX_PG_CRON_NAME_LENGTH,
  type PgCronJobDefinition,
  type PgCronJobOptions,
} from './pg-cron/pg-cron-job.js';
export { PgCronJobs, pgCronJobs } from './pg-cron/pg-cron-jobs.js';
export { PG_CRON_INSTANCE } from './pg-cron/run-details.js';
