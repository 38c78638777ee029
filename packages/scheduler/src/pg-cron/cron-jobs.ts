/** `cron.job` under a prefix: what pg_cron runs, read and changed through pg_cron's own functions. */
import type { PgClientLike, PgPoolLike } from '../store/postgres/driver-types.js';
import { type PgCronVersion, parsePgCronVersion } from './version.js';

type Queryable = Pick<PgPoolLike, 'query'> | PgClientLike;

/** A row of `cron.job` whose name has the prefix. @internal */
export interface CronJobRow {
  jobid: string;
  jobname: string;
  schedule: string;
  command: string;
  database: string;
  active: boolean;
}

/** What the server says about pg_cron. @internal */
export interface PgCronServer {
  /** Undefined when the extension is not created in this database. */
  version: PgCronVersion | undefined;
  /** `cron.timezone` (pg_cron 1.5+), when set. */
  cronTimezone: string | undefined;
  /** The database the connection is in. */
  database: string;
}

/** The installed pg_cron, `cron.timezone`, and the current database. @internal */
export async function readServer(db: Queryable): Promise<PgCronServer> {
  const { rows } = await db.query({
    text: `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'pg_cron') AS version,
  current_setting('cron.timezone', true) AS timezone, current_database() AS database`,
  });
  const row = rows[0] as { version: string | null; timezone: string | null; database: string };
  return {
    version: row.version === null ? undefined : parsePgCronVersion(row.version),
    cronTimezone: row.timezone ?? undefined,
    database: row.database,
  };
}

/** The jobs whose name starts with `prefix`, oldest first. @internal */
export async function listCronJobs(db: Queryable, prefix: string): Promise<CronJobRow[]> {
  const { rows } = await db.query({
    text: `SELECT j.jobid::text AS jobid, j.jobname, j.schedule, j.command, j.database, j.active FROM cron.job j
WHERE left(j.jobname, length($1)) = $1 ORDER BY j.jobid`,
    values: [prefix],
  });
  return rows as CronJobRow[];
}

/** Serialises reconciles of one prefix across instances until the transaction ends. @internal */
export async function lockPrefix(client: PgClientLike, prefix: string): Promise<void> {
  await client.query({
    text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
    values: [`@pokemon/scheduler pg_cron ${prefix}`],
  });
}

/** A job as it should be in `cron.job`. @internal */
export interface DesiredCronJob {
  jobname: string;
  schedule: string;
  command: string;
  database: string;
  active: boolean;
}

/** Creates a job (`cron.schedule_in_database`). @internal */
export async function createCronJob(client: PgClientLike, job: DesiredCronJob): Promise<void> {
  await client.query({
    text: 'SELECT cron.schedule_in_database($1, $2, $3, $4, NULL, $5)',
    values: [job.jobname, job.schedule, job.command, job.database, job.active],
  });
}

/** Changes a job in place (`cron.alter_job`): its id, and so its history, are kept. @internal */
export async function alterCronJob(client: PgClientLike, jobid: string, job: DesiredCronJob): Promise<void> {
  await client.query({
    text: 'SELECT cron.alter_job($1::bigint, $2, $3, $4, NULL, $5)',
    values: [jobid, job.schedule, job.command, job.database, job.active],
  });
}

/** Removes a job (`cron.unschedule`). @internal */
export async function removeCronJob(client: PgClientLike, jobid: string): Promise<void> {
  await client.query({ text: 'SELECT cron.unschedule($1::bigint)', values: [jobid] });
}

/** Whether pg_cron's launcher (the background worker that starts jobs) is running on the server. @internal */
export async function launcherRunning(db: Queryable): Promise<boolean> {
  const { rows } = await db.query({
    text: `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher') AS running`,
  });
  return (rows[0] as { running: boolean }).running;
}
