/** Jobs as the API shows them: the scheduler's status, the store's job rows and runs, in one shape. */
import type { JobStatus, RunRecord } from '@pokemon/scheduler';
import type { JobState, JobStats } from '@pokemon/scheduler/store';
import type { ConsoleContext } from '../context.js';
import { ApiError } from './api-error.js';
import { scheduleInWords } from './describe-schedule.js';
import { runSummary } from './run-json.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days of the success-over-time chart. */
const HISTORY_DAYS = 14;
/** Slots listed as upcoming on a job's page. */
const UPCOMING_SLOTS = 10;
/** Runs read to measure lateness over the last 7 days. */
const LATENESS_SAMPLE = 1000;

function summary(status: JobStatus, row: JobState | undefined, running: readonly RunRecord[]) {
  const circuit = status.circuit;
  return {
    name: status.name,
    ...(status.description === undefined ? {} : { description: status.description }),
    schedule: status.schedule,
    scheduleInWords: scheduleInWords(status.schedule),
    codeSchedule: row?.schedule ?? status.schedule,
    overridden: row?.scheduleOverride !== undefined,
    timezone: status.timezone,
    dependsOn: [...status.dependsOn],
    state: status.state,
    ...(status.pauseNote === undefined ? {} : { pauseNote: status.pauseNote }),
    circuit: {
      state: circuit.state,
      consecutiveFailures: circuit.consecutiveFailures,
      ...(circuit.openedAt ? { openedAt: circuit.openedAt.toISOString() } : {}),
    },
    nextRuns: status.nextRuns.map((date) => date.toISOString()),
    ...(status.lastRun ? { lastRun: runSummary(status.lastRun) } : {}),
    successRate7d: status.successRate7d ?? null,
    consecutiveFailures: status.consecutiveFailures,
    running: running.filter((run) => run.job === status.name).map(runSummary),
  };
}

/** Every job, in definition order. */
export async function jobSummaries(ctx: ConsoleContext) {
  const [statuses, rows, running] = await Promise.all([
    ctx.scheduler.status(),
    ctx.store.listJobs(),
    ctx.store.listRunning(),
  ]);
  const rowOf = new Map(rows.map((row) => [row.name, row]));
  return statuses.map((status) => summary(status, rowOf.get(status.name), running));
}

/** One job. */
export async function jobSummary(ctx: ConsoleContext, name: string) {
  const jobs = await jobSummaries(ctx);
  const job = jobs.find((candidate) => candidate.name === name);
  if (!job) throw new ApiError(404, 'UNKNOWN_JOB', `No job named ${JSON.stringify(name)}`);
  return { job, jobs };
}

/** Nearest-rank percentile of sorted values; `null` when there is none. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

async function latenessPercentiles(ctx: ConsoleContext, name: string, from: Date, to: Date) {
  const page = await ctx.store.listRuns({
    job: name,
    trigger: ['schedule', 'catch-up'],
    from,
    to,
    limit: LATENESS_SAMPLE,
  });
  const lateness = page.runs
    .filter((run) => run.startedAt !== undefined)
    .map((run) => Math.max(0, (run.startedAt?.getTime() ?? 0) - run.scheduledFor.getTime()))
    .sort((a, b) => a - b);
  return { p50: percentile(lateness, 50), p95: percentile(lateness, 95), p99: percentile(lateness, 99) };
}

function dayOf(stats: JobStats, from: Date) {
  const succeeded = stats.byStatus.succeeded ?? 0;
  const failed = (stats.byStatus.failed ?? 0) + (stats.byStatus.timed_out ?? 0);
  return {
    day: from.toISOString().slice(0, 10),
    succeeded,
    failed,
    successRate: stats.successRate ?? null,
    p95DurationMs: stats.durationMs.p95 ?? null,
  };
}

/** One job with its statistics, neighbours and upcoming slots. */
export async function jobDetail(ctx: ConsoleContext, name: string) {
  const { job, jobs } = await jobSummary(ctx, name);
  const now = await ctx.store.now();
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length: HISTORY_DAYS }, (_, i) => new Date(today - (HISTORY_DAYS - 1 - i) * DAY_MS));
  const [stats, lateness, daily, upcoming] = await Promise.all([
    ctx.store.jobStats(name, { from: weekAgo, to: now }),
    latenessPercentiles(ctx, name, weekAgo, now),
    Promise.all(days.map((from) => ctx.store.jobStats(name, { from, to: new Date(from.getTime() + DAY_MS) }))),
    ctx.scheduler.nextRuns(name, UPCOMING_SLOTS),
  ]);
  return {
    ...job,
    stats7d: {
      total: stats.total,
      byStatus: { ...stats.byStatus },
      successRate: stats.successRate ?? null,
      durationMs: {
        p50: stats.durationMs.p50 ?? null,
        p95: stats.durationMs.p95 ?? null,
        p99: stats.durationMs.p99 ?? null,
      },
      latenessMs: lateness,
      missed: stats.missed,
      skipped: stats.skipped,
      ...(stats.lastSuccessAt ? { lastSuccessAt: stats.lastSuccessAt.toISOString() } : {}),
    },
    successByDay: daily.map((day, i) => dayOf(day, days[i] ?? now)),
    upstream: job.dependsOn,
    downstream: jobs.filter((other) => other.dependsOn.includes(name)).map((other) => other.name),
    upcoming: upcoming.map((date) => date.toISOString()),
  };
}
