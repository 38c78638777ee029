/** `cron.job_run_details` of the prefixed jobs: executions to record, slots that ran, purge. */
import { randomUUID } from 'node:crypto';
import type { PgPoolLike } from '../store/postgres/driver-types.js';
import type { ImportedRun } from '../store/types.js';

type Queryable = Pick<PgPoolLike, 'query'>;

/** One execution as pg_cron recorded it. @internal */
export interface RunDetailRow {
  runid: string;
  jobid: string;
  status: string;
  return_message: string | null;
  /** Epoch ms (read as numbers: cheaper than timestamps for the client to parse). */
  start_ms: number | null;
  end_ms: number | null;
}

/** `instanceId` of runs pg_cron made. */
export const PG_CRON_INSTANCE = 'pg_cron';

/** Executions of the jobs `jobids` after `afterRunid`, by runid, at most `limit`. @internal */
export async function readRunDetails(
  db: Queryable,
  jobids: readonly string[],
  afterRunid: string,
  limit: number,
): Promise<RunDetailRow[]> {
  const { rows } = await db.query({
    // Ordered by the bigint column, not the text alias of the same name.
    text: `SELECT d.runid::text AS runid, d.jobid::text AS jobid, d.status, d.return_message,
  (extract(epoch FROM d.start_time) * 1000)::float8 AS start_ms, (extract(epoch FROM d.end_time) * 1000)::float8 AS end_ms
FROM cron.job_run_details d WHERE d.runid > $2::bigint AND d.jobid = ANY($1::bigint[]) ORDER BY d.runid LIMIT $3`,
    values: [jobids, afterRunid, limit],
  });
  return rows as RunDetailRow[];
}

/** Whether pg_cron is done with the execution (`succeeded` or `failed`). @internal */
export function isFinished(row: RunDetailRow): boolean {
  return row.status === 'succeeded' || row.status === 'failed';
}

/** A defined job whose executions are recorded: its name, and the slot an execution started at its time was for. @internal */
export interface IngestedJob {
  readonly name: string;
  slotOf(startedAt: Date): Date;
}

/**
 * A finished execution as a run for history: slot = the one its start belongs to (see
 * {@link IngestedJob.slotOf}); one execution, one claim key (`pgcron:<jobid>:<runid>`), so
 * instances importing it at once record it once.
 *
 * @internal
 */
export function toImportedRun(row: RunDetailRow, job: IngestedJob): ImportedRun {
  const startedAt = new Date(Math.round(row.start_ms ?? row.end_ms ?? 0));
  const finishedAt = row.end_ms === null ? startedAt : new Date(Math.round(row.end_ms));
  const message = row.return_message ?? '';
  const run: ImportedRun = {
    id: randomUUID(),
    job: job.name,
    scheduledFor: job.slotOf(startedAt),
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
