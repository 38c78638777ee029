import type { RunsQueryShape } from '../../runs-query.js';
import type { PgTables } from '../tables.js';

/**
 * History, newest first, keyset-paginated. Filters are fixed SQL fragments
 * chosen by `shape`; parameters are numbered in this order: job, status,
 * trigger, from, to, cursor slot, cursor id. `limit` (an integer) is part of
 * the text, so the prepared statement's cached generic plan knows it and
 * walks the `(job, status, scheduled_for, id)` index instead of sorting.
 */
export const selectRuns = (t: PgTables, shape: RunsQueryShape, limit: number): string => {
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
  if (shape.cursor) where.push(`(scheduled_for, id) < (${next()}::timestamptz, ${next()}::text)`);
  return `
SELECT * FROM ${t.runs}
${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY scheduled_for DESC, id DESC
LIMIT ${Math.floor(limit)}`;
};
