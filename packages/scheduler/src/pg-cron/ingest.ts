import { parseSchedule, type Schedule } from '../schedule/index.js';
import type { PgPoolLike } from '../store/postgres/driver-types.js';
import type { ImportedRun, RunRecord, Store } from '../store/types.js';
import type { CronJobRow } from './cron-jobs.js';
import { type PgCronJobDefinition, schedulerExpression } from './pg-cron-job.js';
import { type IngestedJob, isFinished, type RunDetailRow, readRunDetails, toImportedRun } from './run-details.js';

/** Executions read per query (and written per statement). */
const PAGE = 10_000;
/** Pages written at once while the next is read (writes of distinct runs run side by side on the store's pool). */
const IN_FLIGHT = 3;

/** What an ingest pass needs. @internal */
export interface IngestContext {
  readonly pool: Pick<PgPoolLike, 'query'>;
  readonly store: Store;
  readonly prefix: string;
  /** The prefixed rows of `cron.job` that are defined jobs, by jobid (other jobs' executions are passed over). */
  readonly jobs: ReadonlyMap<string, IngestedJob>;
  /** Each run this call inserted into history (not the ones another instance already had). */
  readonly recorded: (run: RunRecord) => void;
}

/**
 * A defined job as ingest records it. An execution of a cron schedule is for the latest slot at
 * or before its start: pg_cron starts a minute's jobs at that minute, or a little after it on a
 * busy server. An `N seconds` job (not aligned to the clock), or a schedule changed in `cron.job`
 * to one this cannot read, is for the second it started.
 *
 * @internal
 */
export function ingestedJob(row: CronJobRow, def: PgCronJobDefinition): IngestedJob {
  const schedule = def.intervalSeconds === undefined ? readableSchedule(row.schedule, def) : undefined;
  return {
    name: def.name,
    slotOf: (startedAt) =>
      schedule?.previous(startedAt.getTime() + 1) ?? new Date(Math.floor(startedAt.getTime() / 1000) * 1000),
  };
}

function readableSchedule(cron: string, def: PgCronJobDefinition): Schedule | undefined {
  const expression = schedulerExpression(cron);
  if (expression === undefined) return undefined;
  try {
    return parseSchedule(expression, { timezone: def.timezone, job: def.name });
  } catch {
    return undefined;
  }
}

/** The store state key of the cursor: the runid below which every execution is recorded. */
function cursorKey(prefix: string): string {
  return `pg-cron:${prefix}:ingested`;
}

/**
 * Records pg_cron's finished executions of the defined jobs in history, from the cursor kept in
 * store state. Exactly once across instances: each execution has one claim key, and the store
 * inserts a key once; the cursor only saves reading again. An execution still running holds the
 * cursor below it, so it is recorded when it ends. Pages are read while the previous ones are
 * written (at most {@link IN_FLIGHT} writes at once). Returns how many runs this call inserted.
 *
 * @internal
 */
export async function ingestRuns(ctx: IngestContext, signal?: AbortSignal): Promise<number> {
  const start = (await ctx.store.getState<{ runid: string }>(cursorKey(ctx.prefix)))?.runid ?? '0';
  let cursor = start;
  let recorded = 0;
  const writes: Promise<unknown>[] = [];
  try {
    for (;;) {
      signal?.throwIfAborted();
      const rows = await readRunDetails(ctx.pool, [...ctx.jobs.keys()], cursor, PAGE);
      const { runs, safeCursor } = finishedRuns(rows, ctx, cursor);
      const write = importRuns(ctx.store, runs).then((inserted) => {
        recorded += inserted.length;
        for (const run of inserted) ctx.recorded(run);
      });
      write.catch(() => {}); // Awaited below; this keeps an early rejection from being reported unhandled.
      writes.push(write);
      if (writes.length >= IN_FLIGHT) await writes.shift();
      // A page ending at an unfinished execution is read again next time, from it.
      const more = rows.length === PAGE && safeCursor !== cursor;
      cursor = safeCursor;
      if (!more) break;
    }
  } finally {
    await Promise.allSettled(writes);
  }
  await Promise.all(writes);
  if (cursor !== start) await ctx.store.setState(cursorKey(ctx.prefix), { runid: cursor });
  return recorded;
}

/** The page's finished executions of defined jobs, and the runid below the first unfinished one. */
function finishedRuns(
  rows: readonly RunDetailRow[],
  ctx: IngestContext,
  cursor: string,
): { runs: ImportedRun[]; safeCursor: string } {
  const runs: ImportedRun[] = [];
  let safeCursor = cursor;
  let pending = false;
  for (const row of rows) {
    if (!isFinished(row)) pending = true;
    else {
      const job = ctx.jobs.get(row.jobid);
      if (job !== undefined) runs.push(toImportedRun(row, job));
    }
    if (!pending) safeCursor = row.runid;
  }
  return { runs, safeCursor };
}

/** `store.importRuns`, or claim, attempt and finish per run for a store without it. */
async function importRuns(store: Store, runs: readonly ImportedRun[]): Promise<RunRecord[]> {
  if (runs.length === 0) return [];
  if (store.importRuns) return store.importRuns(runs);
  const inserted: RunRecord[] = [];
  for (const run of runs) {
    const claim = await store.claimRun({
      id: run.id,
      job: run.job,
      scheduledFor: run.scheduledFor,
      claimKey: run.claimKey,
      trigger: 'schedule',
      instanceId: run.instanceId,
      leaseMs: 60_000,
    });
    if (!claim.claimed) continue;
    const status = run.status;
    await store.recordAttempt(run.id, run.instanceId, {
      attempt: 1,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status,
      ...(run.error ? { error: run.error } : {}),
    });
    const finish = { status, instanceId: run.instanceId, finishedAt: run.finishedAt };
    await store.finishRun(run.id, { ...finish, ...(run.error ? { error: run.error } : { result: run.result }) });
    inserted.push((await store.getRun(run.id)) as RunRecord);
  }
  return inserted;
}
