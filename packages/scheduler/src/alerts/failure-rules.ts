import type { JobStats, RunRecord } from '../store/types.js';
import { formatDurationMs } from './format.js';
import type { AlertKind, AlertSeverity, ResolvedAlertOptions } from './types.js';

/** The failing-incident rule that matched a failed run, if any. @internal */
interface FailureVerdict {
  kind: Extract<AlertKind, 'failure' | 'consecutive-failures' | 'failure-rate'>;
  severity: AlertSeverity;
  title: string;
  fields: Record<string, string>;
}

/** Statuses that count as a failure for alerting. @internal */
export const FAILURE_STATUSES: ReadonlySet<string> = new Set(['failed', 'timed_out', 'abandoned']);

/** The failure rate over the window, when there are enough runs to judge. @internal */
export function failureRate(stats: JobStats, minRuns: number): number | undefined {
  const ok = stats.byStatus.succeeded ?? 0;
  const bad = (stats.byStatus.failed ?? 0) + (stats.byStatus.timed_out ?? 0);
  return ok + bad >= minRuns ? bad / (ok + bad) : undefined;
}

/**
 * Which rule a failed run triggers, strongest first: N consecutive failures
 * (critical), failure rate over the window, a failure after all retries. Pure.
 * @internal
 */
export function evaluateFailure(
  run: RunRecord,
  stats: JobStats,
  options: ResolvedAlertOptions,
): FailureVerdict | undefined {
  const consecutive = Math.max(stats.consecutiveFailures, run.status === 'abandoned' ? 1 : 0);
  const fields: Record<string, string> = { 'consecutive failures': String(consecutive) };
  const rate = options.failureRate ? failureRate(stats, options.failureRate.minRuns) : undefined;
  if (rate !== undefined) fields['failure rate'] = `${Math.round(rate * 100)}%`;
  if (options.consecutiveFailures !== undefined && consecutive >= options.consecutiveFailures) {
    return {
      kind: 'consecutive-failures',
      severity: 'critical',
      title: `${run.job} failed ${consecutive} times in a row`,
      fields,
    };
  }
  if (options.failureRate && rate !== undefined && rate >= options.failureRate.threshold) {
    const window = formatDurationMs(options.failureRate.windowMs);
    const title = `${run.job} failure rate is ${Math.round(rate * 100)}% over the last ${window}`;
    return { kind: 'failure-rate', severity: 'warning', title, fields };
  }
  if (options.onFailure) return { kind: 'failure', severity: 'warning', title: failureTitle(run), fields };
  return undefined;
}

function failureTitle(run: RunRecord): string {
  const attempts = run.attempts.length;
  if (run.status === 'timed_out') return `${run.job} timed out (attempt ${attempts})`;
  if (run.status === 'abandoned') return `${run.job} run abandoned: its instance stopped heartbeating`;
  return `${run.job} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
}
