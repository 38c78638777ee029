import type { SqliteTables } from '../tables.js';

/**
 * The latest run of each job: job names by a loose index scan (or from
 * `@jobs`), then one index probe per job.
 */
export const selectLatestRuns = (t: SqliteTables, shape: { jobs: boolean; statuses: boolean }): string => `
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
