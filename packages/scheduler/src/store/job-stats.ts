import type { JobStats, RunStatus } from './types.js';

/** The raw figures a store gathers for {@link assembleJobStats}. */
export interface JobStatsParts {
  job: string;
  /** Runs scheduled in the window, by status. */
  byStatus: Partial<Record<RunStatus, number>>;
  /** Duration percentiles of finished runs in the window, ms. */
  durationMs: JobStats['durationMs'];
  /** Failed or timed-out runs after the latest success (all history). */
  consecutiveFailures: number;
  /** `finishedAt` of the latest success (all history). */
  lastSuccessAt: Date | undefined;
}

/** Statuses that count toward {@link JobStats.total}: final, and not skipped/missed. */
const TOTAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'timed_out', 'cancelled', 'abandoned'];

/** Builds {@link JobStats} from the counts every store computes the same way. */
export function assembleJobStats(parts: JobStatsParts): JobStats {
  const count = (status: RunStatus): number => parts.byStatus[status] ?? 0;
  const total = TOTAL_STATUSES.reduce((sum, status) => sum + count(status), 0);
  const decided = count('succeeded') + count('failed') + count('timed_out');
  return {
    job: parts.job,
    byStatus: { ...parts.byStatus },
    total,
    successRate: decided === 0 ? undefined : count('succeeded') / decided,
    consecutiveFailures: parts.consecutiveFailures,
    missed: count('missed'),
    skipped: count('skipped'),
    durationMs: parts.durationMs,
    lastSuccessAt: parts.lastSuccessAt,
  };
}
