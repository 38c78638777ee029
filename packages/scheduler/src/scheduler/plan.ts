import type { JobEntry } from '../run/runtime.js';
import { planJobs } from '../store/job-plan.js';
import type { JobState, Store } from '../store/types.js';
import type { ExternalSources } from './external-sources.js';
import type { JobStateName, PlannedJob, SchedulerPlan } from './inspect-types.js';
import { specOf } from './job-entry.js';
import { effectiveSchedule } from './next-runs.js';

/** `paused`, `circuit-open` or `active`, from a job's stored row (`active` when it has none yet). @internal */
export function jobStateName(state: JobState | undefined): JobStateName {
  if (state?.paused) return 'paused';
  if (state?.circuit.state === 'open') return 'circuit-open';
  return 'active';
}

/**
 * The dry-run reconcile and next runs of `Scheduler.plan`: one read of the job table
 * (`listJobs`), compared with the definitions by the same rule every store reconciles with,
 * so a custom store needs nothing more and nothing is written.
 *
 * @internal
 */
export async function buildPlan(
  store: Store,
  entries: readonly JobEntry[],
  external: ExternalSources,
  options: { removeMissing: boolean; afterMs: number; count: number },
): Promise<SchedulerPlan> {
  const states = await store.listJobs();
  const { plan } = planJobs(states, entries.map(specOf), options.removeMissing);
  const stateByName = new Map(states.map((state) => [state.name, state]));
  const after = new Date(options.afterMs);
  const jobs = entries.map((entry): PlannedJob => {
    const state = stateByName.get(entry.def.name);
    const effective = effectiveSchedule(entry, state);
    return {
      name: entry.def.name,
      schedule: effective.expression,
      overridden: effective.overridden,
      timezone: entry.timezone,
      state: jobStateName(state),
      nextRuns: effective.schedule.nextRuns(options.count, after),
    };
  });
  return { ...plan, jobs, external: await external.plan(store) };
}
