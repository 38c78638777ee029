import type { SqliteTables } from '../tables.js';

/** Failed or timed-out runs after the latest success, and when that success finished (all history). */
export const selectStreak = (t: SqliteTables): string => `
SELECT
  (SELECT count(*) FROM ${t.runs}
    WHERE job = @job AND status IN ('failed', 'timed_out')
      AND scheduled_for > coalesce(
        (SELECT max(scheduled_for) FROM ${t.runs} WHERE job = @job AND status = 'succeeded'),
        -9007199254740991)) AS consecutive_failures,
  (SELECT max(finished_at) FROM ${t.runs} WHERE job = @job AND status = 'succeeded') AS last_success_at`;
