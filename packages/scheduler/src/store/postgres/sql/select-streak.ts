import type { PgTables } from '../tables.js';

/** Failed or timed-out runs after the latest success of a job ($1), and when that success finished (all history). */
export const selectStreak = (t: PgTables): string => `
SELECT
  (SELECT count(*)::integer FROM ${t.runs}
    WHERE job = $1 AND status IN ('failed', 'timed_out')
      AND scheduled_for > coalesce(
        (SELECT max(scheduled_for) FROM ${t.runs} WHERE job = $1 AND status = 'succeeded'),
        '-infinity'::timestamptz)) AS consecutive_failures,
  (SELECT max(finished_at) FROM ${t.runs} WHERE job = $1 AND status = 'succeeded') AS last_success_at`;
