import type { Store } from '../store/types.js';
import type { ActiveRun, JobEntry } from './runtime.js';
import type { JobStatus } from './types.js';

const CLOSED = { state: 'closed', consecutiveFailures: 0 } as const;

/**
 * Assembles {@link JobStatus} for every job from the store (state, last run)
 * and this instance's runs (running: an attempt started; waiting: claimed
 * and not started yet: waiting for the gate, an earlier run or an upstream).
 *
 * @internal
 */
export async function buildStatus(
  store: Store,
  entries: readonly JobEntry[],
  active: ReadonlyMap<string, ActiveRun>,
  nowMs: number,
): Promise<JobStatus[]> {
  const [states, latest] = await Promise.all([store.listJobs(), store.latestRuns()]);
  const stateByName = new Map(states.map((state) => [state.name, state]));
  const counts = new Map<string, { running: number; waiting: number }>();
  for (const run of active.values()) {
    const count = counts.get(run.run.job) ?? { running: 0, waiting: 0 };
    if (run.started) count.running++;
    else count.waiting++;
    counts.set(run.run.job, count);
  }
  const now = new Date(nowMs);
  return entries.map((entry) => {
    const state = stateByName.get(entry.def.name);
    const circuit = state?.circuit ?? { ...CLOSED };
    const paused = state?.paused ?? false;
    return {
      name: entry.def.name,
      description: entry.def.description,
      schedule: entry.expression,
      timezone: entry.timezone,
      dependsOn: entry.def.dependsOn,
      state: paused ? 'paused' : circuit.state === 'open' ? 'circuit-open' : 'active',
      pauseNote: state?.pauseNote,
      circuit,
      running: counts.get(entry.def.name)?.running ?? 0,
      waiting: counts.get(entry.def.name)?.waiting ?? 0,
      lastRun: latest.get(entry.def.name),
      nextRuns: entry.schedule.nextRuns(3, now),
    };
  });
}
