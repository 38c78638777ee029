import type { ActiveRun, JobEntry } from '../run/runtime.js';
import type { JobStats, RunRecord, RunStatus, Store } from '../store/types.js';
import type { EngineContext } from './engine-context.js';
import type { RunInProgress } from './inspect-types.js';
import { instancesOf, livenessStaleMs, readLiveness } from './liveness.js';
import { effectiveSchedule } from './next-runs.js';
import { jobStateName } from './plan.js';
import type { SchedulerInstance } from './slot-audit-types.js';
import type { JobStatus } from './types.js';

const CLOSED = { state: 'closed', consecutiveFailures: 0 } as const;
/** The window of {@link JobStatus.successRate7d}. */
const SUCCESS_RATE_WINDOW_MS = 7 * 86_400_000;
/** Final statuses that count as a failure (as in `JobStats.consecutiveFailures`). */
const FAILURE_STATUSES: readonly RunStatus[] = ['failed', 'timed_out'];
/** How many next runs `status()` lists per job. */
const NEXT_RUNS = 3;

/**
 * Assembles {@link JobStatus} for every job from the store (state, last runs,
 * statistics, runs in progress on any instance) and this instance's runs
 * (running: an attempt started; waiting: claimed and not started yet: waiting
 * for the gate, an earlier run or an upstream). Reads only.
 *
 * @internal
 */
export async function buildStatus(
  store: Store,
  entries: readonly JobEntry[],
  active: ReadonlyMap<string, ActiveRun>,
  nowMs: number,
): Promise<JobStatus[]> {
  const [states, latest, successes, failures, running, storeNow] = await Promise.all([
    store.listJobs(),
    store.latestRuns(),
    store.latestRuns({ statuses: ['succeeded'] }),
    store.latestRuns({ statuses: FAILURE_STATUSES }),
    store.listRunning(),
    store.now(),
  ]);
  // `to` is exclusive: one ms past the store's now keeps a run requested this very ms.
  const window = { from: new Date(storeNow.getTime() - SUCCESS_RATE_WINDOW_MS), to: new Date(storeNow.getTime() + 1) };
  const stats = await Promise.all(entries.map((entry) => store.jobStats(entry.def.name, window)));
  const stateByName = new Map(states.map((state) => [state.name, state]));
  const counts = localCounts(active);
  const inProgress = inProgressByJob(running, storeNow);
  const now = new Date(nowMs);
  return entries.map((entry, i) => {
    const name = entry.def.name;
    const state = stateByName.get(name);
    const effective = effectiveSchedule(entry, state);
    const jobStats = stats[i] as JobStats;
    return {
      name,
      description: entry.def.description,
      schedule: effective.expression,
      timezone: entry.timezone,
      dependsOn: entry.def.dependsOn,
      state: jobStateName(state),
      pauseNote: state?.pauseNote,
      circuit: state?.circuit ?? { ...CLOSED },
      running: counts.get(name)?.running ?? 0,
      waiting: counts.get(name)?.waiting ?? 0,
      inProgress: inProgress.get(name) ?? [],
      lastRun: latest.get(name),
      lastSuccess: successes.get(name),
      lastFailure: failures.get(name),
      consecutiveFailures: jobStats.consecutiveFailures,
      successRate7d: jobStats.successRate,
      nextRuns: effective.schedule.nextRuns(NEXT_RUNS, now),
    };
  });
}

/** This instance's runs by job: started (running) or claimed and not started (waiting). */
function localCounts(active: ReadonlyMap<string, ActiveRun>): Map<string, { running: number; waiting: number }> {
  const counts = new Map<string, { running: number; waiting: number }>();
  for (const run of active.values()) {
    const count = counts.get(run.run.job) ?? { running: 0, waiting: 0 };
    if (run.started) count.running++;
    else count.waiting++;
    counts.set(run.run.job, count);
  }
  return counts;
}

/** The store's `running` runs by job, oldest slot first; an owner whose lease expired before `storeNow` is dead. */
function inProgressByJob(running: readonly RunRecord[], storeNow: Date): Map<string, RunInProgress[]> {
  const byJob = new Map<string, RunInProgress[]>();
  const sorted = [...running].sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
  for (const run of sorted) {
    const list = byJob.get(run.job) ?? [];
    list.push({
      id: run.id,
      instanceId: run.instanceId,
      scheduledFor: run.scheduledFor,
      trigger: run.trigger,
      startedAt: run.startedAt,
      heartbeatAt: run.heartbeatAt,
      leaseExpiresAt: run.leaseExpiresAt,
      progress: run.progress,
      ownerDead: run.leaseExpiresAt !== undefined && run.leaseExpiresAt.getTime() < storeNow.getTime(),
    });
    byJob.set(run.job, list);
  }
  return byJob;
}

/** `instances()`: the instances the liveness record knows, this one first. @internal */
export async function schedulerInstances(ctx: EngineContext): Promise<SchedulerInstance[]> {
  const record = await readLiveness(ctx.o.store);
  return instancesOf(record, ctx.nowMs(), livenessStaleMs(ctx.o.pollIntervalMs), ctx.o.instanceId);
}
