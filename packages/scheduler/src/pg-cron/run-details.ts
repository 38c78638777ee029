/** `cron.job_run_details` of the prefixed jobs: executions to record, slots that ran, purge. */
import { randomUUID } from 'node:crypto';
import type { PgPoolLike } from '../store/postgres/driver-types.js';
import type { ImportedRun } from '../store/types.js';

type Queryable = Pick<PgPoolLike, 'query'>;

/** One execution as pg_cron recorded it, with its job's name. @internal */
export interface RunDetailRow {
  runid: string;
  jobid: string;
  jobname: string;
  status: string;
  return_message: string | null;
  start_time: Date | null;
  end_time: Date | null;
}

/** `instanceId` of runs pg_cron made. */
export const PG_CRON_INSTANCE = 'pg_cron';

/** Executions of the prefixed jobs after `afterRunid`, by runid, at most `limit`. @internal */
export async function readRunDetails(
  db: Queryable,
  prefix: string,
  afterRunid: string,
  limit: number,
): Promise<RunDetailRow[]> {
  const { rows } = await db.query({
    text: `SELECT d.runid::text AS runid, d.jobid::text AS jobid, j.jobname, d.status, d.return_message, d.start_time, d.end_time
FROM cron.job_run_details d JOIN cron.job j ON j.jobid = d.jobid
WHERE d.runid > $2::bigint AND left(j.jobname, length($1)) = $1
ORDER BY d.runid LIMIT $3`,
    values: [prefix, afterRunid, limit],
  });
  return rows as RunDetailRow[];
}

/** Whether pg_cron is done with the execution (`succeeded` or `failed`). @internal */
export function isFinished(row: RunDetailRow): boolean {
  return row.status === 'succeeded' || row.status === 'failed';
}

/**
 * A finished execution as a run for history: slot = its start, to the second (pg_cron starts a
 * job at the second its schedule names: the minute for cron schedules); one execution, one
 * claim key (`pgcron:<jobid>:<runid>`), so instances importing it at once record it once.
 *
 * @internal
 */
export function toImportedRun(row: RunDetailRow, job: string): ImportedRun {
  const startedAt = row.start_time ?? row.end_time ?? new Date(0);
  const finishedAt = row.end_time ?? startedAt;
  const message = row.return_message ?? '';
  const run: ImportedRun = {
    id: randomUUID(),
    job,
    scheduledFor: new Date(Math.floor(startedAt.getTime() / 1000) * 1000),
    claimKey: `pgcron:${row.jobid}:${row.runid}`,
    status: row.status === 'succeeded' ? 'succeeded' : 'failed',
    startedAt,
    finishedAt,
    instanceId: PG_CRON_INSTANCE,
  };
  if (run.status === 'succeeded') run.result = message;
  else run.error = { name: 'PgCronError', message: message || 'pg_cron recorded the run as failed, with no message.' };
  return run;
}

/** The seconds (epoch ms) at which the job's executions started in `[fromMs, toMs)`. @internal */
export async function startedSeconds(db: Queryable, jobid: string, fromMs: number, toMs: number): Promise<Set<number>> {
  const { rows } = await db.query({
    text: `SELECT (floor(extract(epoch FROM start_time)) * 1000)::float8 AS at FROM cron.job_run_details
WHERE jobid = $1::bigint AND start_time >= $2 AND start_time < $3`,
    values: [jobid, new Date(fromMs), new Date(toMs)],
  });
  return new Set((rows as { at: number }[]).map((row) => row.at));
}

/** Deletes the prefixed jobs' executions that ended before `before`; how many. @internal */
export async function purgeRunDetails(db: Queryable, prefix: string, before: Date): Promise<number> {
  const result = await db.query({
    text: `DELETE FROM cron.job_run_details d USING cron.job j
WHERE j.jobid = d.jobid AND left(j.jobname, length($1)) = $1 AND d.end_time < $2`,
    values: [prefix, before],
  });
  return result.rowCount ?? 0;
}
