import { assembleJobStats } from '../job-stats.js';
import { percentile } from '../percentile.js';
import type { JobStats, RunStatus } from '../types.js';
import type { Sql, SqliteSession } from './session.js';

/** Runs of a job scheduled in `[from, to)`, counted by status. */
const SELECT_STATUS_COUNTS: Sql = {
  key: 'selectStatusCounts',
  build: (t) => `
SELECT status, count(*) AS n FROM ${t.runs}
WHERE job = @job AND scheduled_for >= @from AND scheduled_for < @to
GROUP BY status`,
};

/** Durations of finished runs of a job scheduled in `[from, to)`, ascending. */
const SELECT_DURATIONS: Sql = {
  key: 'selectDurations',
  build: (t) => `
SELECT duration_ms FROM ${t.runs}
WHERE job = @job AND scheduled_for >= @from AND scheduled_for < @to
  AND status <> 'running' AND duration_ms IS NOT NULL
ORDER BY duration_ms`,
};

/** Failed or timed-out runs after the latest success, and when that success finished (all history). */
const SELECT_STREAK: Sql = {
  key: 'selectStreak',
  build: (t) => `
SELECT
  (SELECT count(*) FROM ${t.runs}
    WHERE job = @job AND status IN ('failed', 'timed_out')
      AND scheduled_for > coalesce(
        (SELECT max(scheduled_for) FROM ${t.runs} WHERE job = @job AND status = 'succeeded'),
        -9007199254740991)) AS consecutive_failures,
  (SELECT max(finished_at) FROM ${t.runs} WHERE job = @job AND status = 'succeeded') AS last_success_at`,
};

/** Counts and duration percentiles of a job's runs in `window`, and its failure streak. */
export function jobStats(s: SqliteSession, job: string, window: { from: Date; to: Date }): JobStats {
  const range = { job, from: window.from.getTime(), to: window.to.getTime() };
  const counts = s.stmt(SELECT_STATUS_COUNTS).all(range) as { status: RunStatus; n: number }[];
  const durations = (s.stmt(SELECT_DURATIONS).all(range) as { duration_ms: number }[]).map((row) => row.duration_ms);
  const streak = s.stmt(SELECT_STREAK).get({ job }) as {
    consecutive_failures: number;
    last_success_at: number | null;
  };
  return assembleJobStats({
    job,
    byStatus: Object.fromEntries(counts.map((row) => [row.status, row.n])),
    durationMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) },
    consecutiveFailures: streak.consecutive_failures,
    lastSuccessAt: streak.last_success_at === null ? undefined : new Date(streak.last_success_at),
  });
}
