import { assembleJobStats } from '../job-stats.js';
import { percentile } from '../percentile.js';
import type { JobStats, RunStatus } from '../types.js';
import type { MemoryTables } from './tables.js';

/** Counts and duration percentiles of a job's runs in `window`, and its failure streak. */
export function jobStats(t: MemoryTables, job: string, window: { from: Date; to: Date }): JobStats {
  const all = [...t.runs.values()].filter((run) => run.job === job);
  const inWindow = all.filter(
    (run) => run.scheduledFor.getTime() >= window.from.getTime() && run.scheduledFor.getTime() < window.to.getTime(),
  );
  const byStatus: Partial<Record<RunStatus, number>> = {};
  for (const run of inWindow) byStatus[run.status] = (byStatus[run.status] ?? 0) + 1;
  const durations = inWindow
    .filter((run) => run.status !== 'running' && run.durationMs !== undefined)
    .map((run) => run.durationMs as number)
    .sort((a, b) => a - b);
  const successes = all.filter((run) => run.status === 'succeeded');
  const lastSuccessSlot = Math.max(-Infinity, ...successes.map((run) => run.scheduledFor.getTime()));
  const lastSuccessAt = Math.max(-Infinity, ...successes.map((run) => run.finishedAt?.getTime() ?? -Infinity));
  return assembleJobStats({
    job,
    byStatus,
    durationMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) },
    consecutiveFailures: all.filter(
      (run) => (run.status === 'failed' || run.status === 'timed_out') && run.scheduledFor.getTime() > lastSuccessSlot,
    ).length,
    lastSuccessAt: Number.isFinite(lastSuccessAt) ? new Date(lastSuccessAt) : undefined,
  });
}
