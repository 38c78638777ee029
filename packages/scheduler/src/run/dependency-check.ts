import type { RunRecord } from '../store/types.js';
import type { JobEntry, Runtime } from './runtime.js';

/** The result of checking a run's upstream jobs. @internal */
type DependencyVerdict = { ok: true; dependencies: Map<string, RunRecord> } | { ok: false; reason: string };

/**
 * Checks that every job in `dependsOn` has succeeded recently enough for the
 * slot: within `dependencyWithinMs` before it, or else since this job's
 * previous slot. An upstream run in progress (on any instance) is waited for,
 * bounded by this job's own `timeoutMs`; otherwise the verdict names the
 * first unsatisfied upstream and its last status.
 *
 * @internal
 */
export async function checkDependencies(
  rt: Runtime,
  entry: JobEntry,
  slot: Date,
  signal: AbortSignal,
): Promise<DependencyVerdict> {
  const upstream = entry.def.dependsOn;
  if (upstream.length === 0) return { ok: true, dependencies: new Map() };
  const sinceMs = freshnessStartMs(entry, slot);
  const deadlineMs = rt.nowMs() + entry.def.timeoutMs;
  for (;;) {
    const succeeded = await rt.store.latestRuns({ statuses: ['succeeded'], jobs: upstream });
    const stale = upstream.filter((name) => !isFresh(succeeded.get(name), sinceMs));
    if (stale.length === 0) return { ok: true, dependencies: succeeded };
    const busy = await firstRunning(rt, stale);
    const remainingMs = deadlineMs - rt.nowMs();
    if (busy === undefined || remainingMs <= 0) return { ok: false, reason: await describe(rt, stale, busy, entry) };
    await rt.waitForRunEnd(busy, Math.min(remainingMs, pollIntervalMs(rt)), signal);
    signal.throwIfAborted();
  }
}

function freshnessStartMs(entry: JobEntry, slot: Date): number {
  if (entry.def.dependencyWithinMs !== undefined) return slot.getTime() - entry.def.dependencyWithinMs;
  return entry.schedule.previous(slot)?.getTime() ?? Number.NEGATIVE_INFINITY;
}

function isFresh(run: RunRecord | undefined, sinceMs: number): boolean {
  if (!run) return false;
  const at = (run.finishedAt ?? run.scheduledFor).getTime();
  return at >= sinceMs;
}

async function firstRunning(rt: Runtime, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    if ((await rt.store.listRunning(name)).length > 0) return name;
  }
  return undefined;
}

/** How often a waiting dependent re-reads the store for runs held by other instances. */
function pollIntervalMs(rt: Runtime): number {
  return Math.max(1_000, Math.floor(rt.leaseMs / 3));
}

async function describe(
  rt: Runtime,
  stale: readonly string[],
  busy: string | undefined,
  entry: JobEntry,
): Promise<string> {
  if (busy !== undefined) {
    return `dependency "${busy}" still running after ${entry.def.timeoutMs} ms (the timeoutMs of "${entry.def.name}")`;
  }
  const name = stale[0]!;
  const last = (await rt.store.latestRuns({ jobs: [name] })).get(name);
  if (!last) return `dependency "${name}" has never run`;
  const when = (last.finishedAt ?? last.scheduledFor).toISOString();
  if (last.status === 'succeeded') return `dependency "${name}" last succeeded at ${when}, before the freshness window`;
  return `dependency "${name}" last ${last.status} at ${when}`;
}
