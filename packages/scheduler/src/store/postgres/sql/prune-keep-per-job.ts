import type { PgTables } from '../tables.js';

/** Deletes finished runs beyond the newest $1 of each job. */
export const pruneKeepPerJob = (t: PgTables): string => `
DELETE FROM ${t.runs} WHERE id IN (
  SELECT id FROM (
    SELECT id, row_number() OVER (PARTITION BY job ORDER BY scheduled_for DESC, id DESC) AS position
    FROM ${t.runs} WHERE status <> 'running'
  ) ranked WHERE position > $1
)`;
