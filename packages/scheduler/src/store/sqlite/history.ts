import { encodeCursor } from '../cursor.js';
import { type RunsQueryShape, runsQueryFilter } from '../runs-query.js';
import type { PruneOptions, RunPage, RunQuery, RunRecord, RunStatus } from '../types.js';
import { type SqliteRunRow, toRun } from './rows.js';
import type { Params, Sql, SqliteSession } from './session.js';
import type { SqliteTables } from './tables.js';

/** One run by id. */
const SELECT_RUN: Sql = { key: 'selectRun', build: (t) => `SELECT * FROM ${t.runs} WHERE id = @id` };

/** History, newest first, keyset-paginated; filters are fixed SQL fragments chosen by `shape`. */
function selectRuns(t: SqliteTables, shape: RunsQueryShape): string {
  const where: string[] = [];
  if (shape.job) where.push('job = @job');
  if (shape.status === 'one') where.push('status = @status');
  if (shape.status === 'many') where.push('status IN (SELECT value FROM json_each(@statuses))');
  if (shape.trigger === 'one') where.push('run_trigger = @trigger');
  if (shape.trigger === 'many') where.push('run_trigger IN (SELECT value FROM json_each(@triggers))');
  if (shape.from) where.push('scheduled_for >= @from');
  if (shape.to) where.push('scheduled_for < @to');
  if (shape.errorText) where.push("instr(lower(json_extract(error, '$.message')), @errorText) > 0");
  if (shape.cursor) where.push('(scheduled_for, id) < (@cursorSlot, @cursorId)');
  return `
SELECT * FROM ${t.runs}
${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY scheduled_for DESC, id DESC
LIMIT @limit`;
}

/**
 * The latest run of each job: job names by a loose index scan (or from
 * `@jobs`), then one index probe per job.
 */
function selectLatestRuns(t: SqliteTables, shape: { jobs: boolean; statuses: boolean }): string {
  return `
WITH RECURSIVE names(job) AS (
  ${
    shape.jobs
      ? 'SELECT value FROM json_each(@jobs)'
      : `SELECT min(job) FROM ${t.runs}
  UNION ALL
  SELECT (SELECT min(job) FROM ${t.runs} WHERE job > names.job) FROM names WHERE names.job IS NOT NULL`
  }
)
SELECT r.* FROM names JOIN ${t.runs} r ON r.rowid = (
  SELECT x.rowid FROM ${t.runs} x
  WHERE x.job = names.job${shape.statuses ? ' AND x.status IN (SELECT value FROM json_each(@statuses))' : ''}
  ORDER BY x.scheduled_for DESC, x.id DESC
  LIMIT 1
)`;
}

/** The latest slot of a job recorded by a schedule or catch-up trigger. */
const SELECT_LAST_SLOT: Sql = {
  key: 'selectLastSlot',
  build: (t) => `
SELECT scheduled_for FROM ${t.runs}
WHERE job = @job AND run_trigger IN ('schedule', 'catch-up')
ORDER BY scheduled_for DESC
LIMIT 1`,
};

/** Deletes finished runs beyond the newest `@keep` of each job. */
const PRUNE_KEEP_PER_JOB: Sql = {
  key: 'pruneKeepPerJob',
  build: (t) => `
DELETE FROM ${t.runs} WHERE id IN (
  SELECT id FROM (
    SELECT id, row_number() OVER (PARTITION BY job ORDER BY scheduled_for DESC, id DESC) AS position
    FROM ${t.runs} WHERE status <> 'running'
  ) WHERE position > @keep
)`,
};

/** Deletes finished runs scheduled before `@olderThan`. */
const PRUNE_OLDER_THAN: Sql = {
  key: 'pruneOlderThan',
  build: (t) => `DELETE FROM ${t.runs} WHERE status <> 'running' AND scheduled_for < @olderThan`,
};

/** A history query as a statement shape and its parameters. */
interface RunsQueryPlan {
  shape: RunsQueryShape;
  params: Params;
  limit: number;
}

/** Chooses the statement shape and parameters of a {@link RunQuery} (`undefined`: an empty filter list, no rows). */
function runsQueryPlan(query: RunQuery): RunsQueryPlan | undefined {
  const filter = runsQueryFilter(query);
  if (!filter) return undefined;
  const { shape, limit, statuses, triggers, cursor, errorText } = filter;
  const params: Params = { limit: limit + 1 };
  if (query.job !== undefined) params.job = query.job;
  if (statuses)
    Object.assign(params, statuses.length === 1 ? { status: statuses[0] } : { statuses: JSON.stringify(statuses) });
  if (triggers)
    Object.assign(params, triggers.length === 1 ? { trigger: triggers[0] } : { triggers: JSON.stringify(triggers) });
  if (query.from) params.from = query.from.getTime();
  if (query.to) params.to = query.to.getTime();
  if (errorText !== undefined) params.errorText = errorText;
  if (cursor) Object.assign(params, { cursorSlot: cursor.scheduledForMs, cursorId: cursor.id });
  return { shape, params, limit };
}

/** One run by id. */
export function getRun(s: SqliteSession, id: string): RunRecord | undefined {
  const row = s.stmt(SELECT_RUN).get({ id }) as SqliteRunRow | undefined;
  return row && toRun(row);
}

/** One page of history, newest first. */
export function listRuns(s: SqliteSession, query: RunQuery): RunPage {
  const plan = runsQueryPlan(query);
  if (!plan) return { runs: [] };
  const { shape, params, limit } = plan;
  const statement = s.stmt({ key: `selectRuns:${JSON.stringify(shape)}`, build: (t) => selectRuns(t, shape) });
  const rows = statement.all(params) as SqliteRunRow[];
  const runs = rows.slice(0, limit).map(toRun);
  const last = runs[runs.length - 1];
  if (rows.length <= limit || !last) return { runs };
  return { runs, nextCursor: encodeCursor({ scheduledForMs: last.scheduledFor.getTime(), id: last.id }) };
}

/** The latest run of each job (of `jobs`, with one of `statuses`, when given). */
export function latestRuns(
  s: SqliteSession,
  options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] },
): Map<string, RunRecord> {
  const shape = { jobs: options.jobs !== undefined, statuses: options.statuses !== undefined };
  const params: Params = {};
  if (options.jobs) params.jobs = JSON.stringify(options.jobs);
  if (options.statuses) params.statuses = JSON.stringify(options.statuses);
  const key = `latestRuns:${shape.jobs}:${shape.statuses}`;
  const rows = s.stmt({ key, build: (t) => selectLatestRuns(t, shape) }).all(params) as SqliteRunRow[];
  return new Map(rows.map((row) => [row.job, toRun(row)]));
}

/** The latest slot of `job` recorded by its schedule or a catch-up. */
export function lastSlot(s: SqliteSession, job: string): Date | undefined {
  const row = s.stmt(SELECT_LAST_SLOT).get({ job }) as { scheduled_for: number } | undefined;
  return row && new Date(row.scheduled_for);
}

/** Deletes finished runs beyond `keepPerJob` per job and before `olderThan`, in one write transaction. */
export function pruneRuns(s: SqliteSession, options: PruneOptions): number {
  return s.immediate(() => {
    let deleted = 0;
    if (options.keepPerJob !== undefined) {
      const keep = Math.max(0, Math.floor(options.keepPerJob));
      deleted += s.stmt(PRUNE_KEEP_PER_JOB).run({ keep }).changes;
    }
    if (options.olderThan !== undefined) {
      deleted += s.stmt(PRUNE_OLDER_THAN).run({ olderThan: options.olderThan.getTime() }).changes;
    }
    return deleted;
  });
}
