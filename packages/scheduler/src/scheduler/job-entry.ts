import type { JobDefinition } from '../job/types.js';
import type { JobSpec, JobState } from '../store/types.js';
import { compileSchedule } from './job-schedule.js';
import type { JobEntry } from './runtime.js';

/** The engine's record of one job, before `start()`. @internal */
export function createJobEntry(def: JobDefinition, defaultTimezone: string): JobEntry {
  const timezone = def.timezone ?? defaultTimezone;
  return {
    def,
    timezone,
    schedule: compileSchedule(def.schedule, timezone, def),
    expression: def.schedule,
    state: undefined,
    cursorMs: 0,
    generation: 0,
    buffered: 0,
    claimLock: Promise.resolve(),
  };
}

/** What the code says about the job, for `reconcileJobs`. @internal */
export function specOf(entry: JobEntry): JobSpec {
  const spec: JobSpec = { name: entry.def.name, schedule: entry.def.schedule, timezone: entry.timezone };
  if (entry.def.description !== undefined) spec.description = entry.def.description;
  if (entry.def.dependsOn.length > 0) spec.dependsOn = entry.def.dependsOn;
  return spec;
}

/**
 * Takes in the operator state read from the store. Returns `true` when the
 * effective schedule changed (an override set or cleared); throws
 * `InvalidScheduleError` for an override that does not parse (the old
 * schedule is kept).
 *
 * @internal
 */
export function applyJobState(entry: JobEntry, state: JobState): boolean {
  entry.state = state;
  const expression = state.scheduleOverride ?? entry.def.schedule;
  if (expression === entry.expression) return false;
  entry.schedule = compileSchedule(expression, entry.timezone, entry.def);
  entry.expression = expression;
  return true;
}
