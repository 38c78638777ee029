import { encodeCursor } from '../cursor.js';
import { type RunsQueryShape, runsQueryFilter } from '../runs-query.js';
import type { PruneOptions, RunPage, RunQuery, RunRecord, RunStatus } from '../types.js';
import { type PgRunRow, toRun } from './rows.js';
import type { PgSession, Sql } from './session.js';
import type { PgTables } from './tables.js';

/** One run by id ($1). */
const SELECT_RUN: Sql = { key: 'selectRun', build: (t) => `SELECT * FROM ${t.runs} WHERE id = $1` };

/**
 * History, newest first, keyset-paginated. Filters are fixed SQL fragments
 * chosen by `shape`; parameters are numbered in this order: job, status,
 * trigger, from, to, error text, cursor slot, cursor id. `limit` (an integer) is part of
 * the text, so the prepared statement's cached generic plan knows it and
 * walks the `(job, status, scheduled_for, id)` index instead of sorting.
 */
function selectRuns(t: PgTables, shape: RunsQueryShape, limit: number): string {
  const where: string[] = [];
  let n = 0;
  const next = (): string => `$${++n}`;
  if (shape.job) where.push(`job = ${next()}`);
  if (shape.status === 'one') where.push(`status = ${next()}`);
  if (shape.status === 'many') where.push(`status = ANY(${next()}::text[])`);
  if (shape.trigger === 'one') where.push(`run_trigger = ${next()}`);
  if (shape.trigger === 'many') where.push(`run_trigger = ANY(${next()}::text[])`);
  if (shape.from) where.push(`scheduled_for >= ${next()}`);
  if (shape.to) where.push(`scheduled_for < ${next()}`);
  if (shape.errorText) where.push(`strpos(lower(error->>'message'), ${next()}) > 0`);
  if (shape.cursor) where.push(`(scheduled_for, id) < (${next()}::timestamptz, ${next()}::text)`);
  return `
SELECT * FROM ${t.runs}
${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY scheduled_for DESC, id DESC
LIMIT ${Math.floor(limit)}`;
}

/**
 * The latest run of each job: job names by a loose index scan (or from $1),
 * then one index probe per job. Parameters: jobs (text[]) when `jobs`, then
 * statuses (text[]) when `statuses`.
 */
function selectLatestRuns(t: PgTables, shape: { jobs: boolean; statuses: boolean }): string {
  const statusParam = shape.jobs ? '$2' : '$1';
  const names = shape.jobs
    ? 'SELECT DISTINCT unnest($1::text[]) AS job'
    : `SELECT min(job) AS job FROM ${t.runs}
  UNION ALL
  SELECT (SELECT min(job) FROM ${t.runs} WHERE job > names.job) FROM names WHERE names.job IS NOT NULL`;
  return `
WITH RECURSIVE names(job) AS (
  ${names}
)
SELECT r.* FROM names JOIN LATERAL (
  SELECT * FROM ${t.runs} x
  WHERE x.job = names.job${shape.statuses ? ` AND x.status = ANY(${statusParam}::text[])` : ''}
  ORDER BY x.scheduled_for DESC, x.id DESC
  LIMIT 1
) r ON true`;
}

/** The latest slot of a job ($1) recorded by a schedule or catch-up trigger. */
const SELECT_LAST_SLOT: Sql = {
  key: 'selectLastSlot',
  build: (t) => `
SELECT scheduled_for FROM ${t.runs}
WHERE job = $1 AND run_trigger IN ('schedule', 'catch-up')
ORDER BY scheduled_for DESC
LIMIT 1`,
};

/** Deletes finished runs beyond the newest $1 of each job. */
const PRUNE_KEEP_PER_JOB: Sql = {
  key: 'pruneKeepPerJob',
  build: (t) => `
DELETE FROM ${t.runs} WHERE id IN (
  SELECT id FROM (
    SELECT id, row_number() OVER (PARTITION BY job ORDER BY scheduled_for DESC, id DESC) AS position
    FROM ${t.runs} WHERE status <> 'running'
  ) ranked WHERE position > $1
)`,
};

/** Deletes finished runs scheduled before $1. */
const PRUNE_OLDER_THAN: Sql = {
  key: 'pruneOlderThan',
  build: (t) => `DELETE FROM ${t.runs} WHERE status <> 'running' AND scheduled_for < $1`,
};

/** A history query as a statement shape and its positional values. */
interface RunsQueryPlan {
  shape: RunsQueryShape;
  values: unknown[];
  limit: number;
}

/** Chooses the statement shape and values of a {@link RunQuery} (`undefined`: an empty filter list, no rows). */
function runsQueryPlan(query: RunQuery): RunsQueryPlan | undefined {
  const filter = runsQueryFilter(query);
  if (!filter) return undefined;
  const { shape, limit, statuses, triggers, cursor, errorText } = filter;
  const values: unknown[] = [];
  if (query.job !== undefined) values.push(query.job);
  if (statuses) values.push(statuses.length === 1 ? statuses[0] : [...statuses]);
  if (triggers) values.push(triggers.length === 1 ? triggers[0] : [...triggers]);
  if (query.from) values.push(query.from);
  if (query.to) values.push(query.to);
  if (errorText !== undefined) values.push(errorText);
  if (cursor) values.push(new Date(cursor.scheduledForMs), cursor.id);
  return { shape, values, limit };
}

/** One run by id. */
export async function getRun(s: PgSession, id: string): Promise<RunRecord | undefined> {
  const [row] = await s.rows<PgRunRow>(SELECT_RUN, [id]);
  return row && toRun(row);
}

/** One page of history, newest first. */
export async function listRuns(s: PgSession, query: RunQuery): Promise<RunPage> {
  const plan = runsQueryPlan(query);
  if (!plan) return { runs: [] };
  const { shape, values, limit } = plan;
  // named per shape and page size: the LIMIT is part of the text, so the cached generic plan walks the index
  const key = `selectRuns:${JSON.stringify(shape)}:${limit}`;
  const rows = await s.rows<PgRunRow>({ key, build: (t) => selectRuns(t, shape, limit + 1) }, values);
  const runs = rows.slice(0, limit).map(toRun);
  const last = runs[runs.length - 1];
  if (rows.length <= limit || !last) return { runs };
  return { runs, nextCursor: encodeCursor({ scheduledForMs: last.scheduledFor.getTime(), id: last.id }) };
}

/** The latest run of each job (of `jobs`, with one of `statuses`, when given). */
export async function latestRuns(
  s: PgSession,
  options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] },
): Promise<Map<string, RunRecord>> {
  const shape = { jobs: options.jobs !== undefined, statuses: options.statuses !== undefined };
  const values: unknown[] = [];
  if (options.jobs) values.push([...options.jobs]);
  if (options.statuses) values.push([...options.statuses]);
  const key = `latestRuns:${shape.jobs}:${shape.statuses}`;
  const rows = await s.rows<PgRunRow>({ key, build: (t) => selectLatestRuns(t, shape) }, values);
  return new Map(rows.map((row) => [row.job, toRun(row)]));
}

/** The latest slot of `job` recorded by its schedule or a catch-up. */
export async function lastSlot(s: PgSession, job: string): Promise<Date | undefined> {
  const [row] = await s.rows<{ scheduled_for: Date }>(SELECT_LAST_SLOT, [job]);
  return row?.scheduled_for;
}

/** Deletes finished runs beyond `keepPerJob` per job and before `olderThan`, in one transaction. */
export async function pruneRuns(s: PgSession, options: PruneOptions): Promise<number> {
  return s.transaction(async (client) => {
    let deleted = 0;
    if (options.keepPerJob !== undefined) {
      const keep = Math.max(0, Math.floor(options.keepPerJob));
      deleted += await s.run(PRUNE_KEEP_PER_JOB, [keep], client);
    }
    if (options.olderThan !== undefined) deleted += await s.run(PRUNE_OLDER_THAN, [options.olderThan], client);
    return deleted;
  });
}
