import { assembleJobStats } from '../job-stats.js';
import type { JobStats, RunStatus } from '../types.js';
import type { PgSession, Sql } from './session.js';

/** Runs of a job ($1) scheduled in [$2, $3), counted by status. */
const SELECT_STATUS_COUNTS: Sql = {
  key: 'selectStatusCounts',
  build: (t) => `
SELECT status, count(*)::integer AS n FROM ${t.runs}
WHERE job = $1 AND scheduled_for >= $2 AND scheduled_for < $3
GROUP BY status`,
};

/** Nearest-rank p50/p95/p99 durations of finished runs of a job ($1) scheduled in [$2, $3). */
const SELECT_DURATION_PERCENTILES: Sql = {
  key: 'selectDurationPercentiles',
  build: (t) => `
SELECT percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_ms) AS percentiles
FROM ${t.runs}
WHERE job = $1 AND scheduled_for >= $2 AND scheduled_for < $3
  AND status <> 'running' AND duration_ms IS NOT NULL`,
};

/** Failed or timed-out runs after the latest success of a job ($1), and when that success finished (all history). */
const SELECT_STREAK: Sql = {
  key: 'selectStreak',
  build: (t) => `
SELECT
  (SELECT count(*)::integer FROM ${t.runs}
    WHERE job = $1 AND status IN ('failed', 'timed_out')
      AND scheduled_for > coalesce(
        (SELECT max(scheduled_for) FROM ${t.runs} WHERE job = $1 AND status = 'succeeded'),
        '-infinity'::timestamptz)) AS consecutive_failures,
  (SELECT max(finished_at) FROM ${t.runs} WHERE job = $1 AND status = 'succeeded') AS last_success_at`,
};

/** Counts and duration percentiles of a job's runs in `window`, and its failure streak. */
export async function jobStats(s: PgSession, job: string, window: { from: Date; to: Date }): Promise<JobStats> {
  const range = [job, window.from, window.to];
  const [counts, [percentiles], [streak]] = await Promise.all([
    s.rows<{ status: RunStatus; n: number }>(SELECT_STATUS_COUNTS, range),
    s.rows<{ percentiles: (string | number)[] | null }>(SELECT_DURATION_PERCENTILES, range),
    s.rows<{ consecutive_failures: number; last_success_at: Date | null }>(SELECT_STREAK, [job]),
  ]);
  const [p50, p95, p99] = (percentiles?.percentiles ?? []).map(Number);
  return assembleJobStats({
    job,
    byStatus: Object.fromEntries(counts.map((row) => [row.status, row.n])),
    durationMs: { p50, p95, p99 },
    consecutiveFailures: streak?.consecutive_failures ?? 0,
    lastSuccessAt: streak?.last_success_at ?? undefined,
  });
}
