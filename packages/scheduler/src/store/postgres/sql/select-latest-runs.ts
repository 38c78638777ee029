import type { PgTables } from '../tables.js';

/**
 * The latest run of each job: job names by a loose index scan (or from $1),
 * then one index probe per job. Parameters: jobs (text[]) when `jobs`, then
 * statuses (text[]) when `statuses`.
 */
export const selectLatestRuns = (t: PgTables, shape: { jobs: boolean; statuses: boolean }): string => {
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
};
