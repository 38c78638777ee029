/**
 * `cron-runner status`: per job, last run and outcome, duration, consecutive
 * failures, last success, 7-day success rate, next run, and runs in progress
 * (with their progress, or their owner dead when its lease expired).
 */
import type { JobStatus, RunRecord } from '@pokemon/scheduler';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { formatDate, formatDuration } from '../output/format.js';
import { progressRatio } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import type { Runner } from '../runner.js';

/** One job in `status --json`. */
export interface JobStatusReport {
  name: string;
  state: 'active' | 'paused' | 'circuit-open';
  /** The operator's note when paused. */
  pauseNote: string | null;
  /** The latest run (any status), or `null`. */
  lastRun: {
    id: string;
    status: string;
    trigger: string;
    scheduledFor: string;
    finishedAt: string | null;
    durationMs: number | null;
    reason: string | null;
  } | null;
  /** Failed or timed-out runs since the last success. */
  consecutiveFailures: number;
  /** Success rate over the last 7 days (`null` without finished runs). */
  successRate7d: number | null;
  /** When the job last succeeded. */
  lastSuccessAt: string | null;
  /** The next slot, ISO 8601. */
  nextRun: string | null;
  /** Runs in progress on any instance; `ownerDead` when the owner's lease expired (it stopped heartbeating). */
  running: {
    id: string;
    instanceId: string | null;
    startedAt: string | null;
    progress: unknown;
    leaseExpiresAt: string | null;
    ownerDead: boolean;
  }[];
}

function lastRunOf(run: RunRecord | undefined): JobStatusReport['lastRun'] {
  if (!run) return null;
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    scheduledFor: run.scheduledFor.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.durationMs ?? null,
    reason: run.reason ?? null,
  };
}

function reportOf(status: JobStatus): JobStatusReport {
  return {
    name: status.name,
    state: status.state,
    pauseNote: status.pauseNote ?? null,
    lastRun: lastRunOf(status.lastRun),
    consecutiveFailures: status.consecutiveFailures,
    successRate7d: status.successRate7d ?? null,
    lastSuccessAt: status.lastSuccess?.finishedAt?.toISOString() ?? null,
    nextRun: status.nextRuns[0]?.toISOString() ?? null,
    running: status.inProgress.map((run) => ({
      id: run.id,
      instanceId: run.instanceId ?? null,
      startedAt: run.startedAt?.toISOString() ?? null,
      progress: run.progress ?? null,
      leaseExpiresAt: run.leaseExpiresAt?.toISOString() ?? null,
      ownerDead: run.ownerDead,
    })),
  };
}

/**
 * The status of every job, as `status --json` prints it: the scheduler's status across every
 * instance sharing the store (read without writing), in the runner's JSON shape.
 */
export async function jobStatuses(runner: Runner): Promise<JobStatusReport[]> {
  return (await runner.scheduler.status()).map(reportOf);
}

/** `host-1 45%`, or `host-1: owner dead (lease expired 12:00:00Z)` for a run nobody heartbeats any more. */
function describeRunning(run: JobStatusReport['running'][number]): string {
  const owner = run.instanceId ?? run.id.slice(0, 8);
  if (run.ownerDead) return `${owner}: owner dead (lease expired ${formatDate(new Date(run.leaseExpiresAt!))})`;
  const ratio = progressRatio(run.progress);
  return ratio ? `${owner} ${Math.floor((100 * ratio.value) / ratio.total)}%` : owner;
}

/** The human table of `status` (at most `width` wide when given). */
export function renderStatus(reports: readonly JobStatusReport[], width: number | undefined): string {
  return renderTable(
    [
      'job',
      'state',
      'last run',
      'outcome',
      'duration',
      'fails in a row',
      'last success',
      '7-day ok',
      'next run',
      'running',
    ],
    reports.map((job) => [
      job.name,
      job.pauseNote ? `${job.state} (${job.pauseNote})` : job.state,
      job.lastRun ? formatDate(new Date(job.lastRun.scheduledFor)) : '-',
      job.lastRun ? job.lastRun.status + (job.lastRun.reason ? ` (${job.lastRun.reason})` : '') : '-',
      formatDuration(job.lastRun?.durationMs ?? undefined),
      String(job.consecutiveFailures),
      job.lastSuccessAt ? formatDate(new Date(job.lastSuccessAt)) : 'never',
      job.successRate7d === null ? '-' : `${Math.round(job.successRate7d * 100)}%`,
      job.nextRun ? formatDate(new Date(job.nextRun)) : '-',
      job.running.length === 0 ? '-' : job.running.map(describeRunning).join('\n'),
    ]),
    width,
  );
}

/** Registers `status`. */
export function registerStatus(program: Command, context: CommandContext): void {
  program
    .command('status')
    .description('per job: last run, outcome, duration, consecutive failures, next run, running now')
    .option('--json', 'print JSON (see the operating guide for the shape)')
    .action(async (options: { json?: boolean }, command: Command) => {
      await context.withRunner(
        command,
        async (runner) => {
          const reports = await jobStatuses(runner);
          if (options.json) context.printJson(reports);
          else context.print(renderStatus(reports, context.width()));
        },
        { access: 'read' },
      );
    });
}
