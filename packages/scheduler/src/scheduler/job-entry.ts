import type { ExternalJobSource } from '../job/external-jobs.js';
import type { JobDefinition } from '../job/types.js';
import type { JobEntry } from '../run/runtime.js';
import type { JobSpec, JobState } from '../store/types.js';
import { compileSchedule } from './job-schedule.js';

/** The engine's record of one job, before `start()`. @internal */
export function createJobEntry(def: JobDefinition, defaultTimezone: string, runsIn?: string): JobEntry {
  const timezone = def.timezone ?? defaultTimezone;
  return {
    def,
    timezone,
    ...(runsIn === undefined ? {} : { runsIn }),
    schedule: compileSchedule(def.schedule, timezone, def),
    expression: def.schedule,
    state: undefined,
    cursorMs: 0,
    generation: 0,
    buffered: 0,
    claimLock: Promise.resolve(),
  };
}

/** The entries of the scheduler's jobs, then of the jobs its external sources run. @internal */
export function jobEntries(options: {
  jobs: readonly JobDefinition[];
  externalJobs: readonly ExternalJobSource[];
  timezone: string;
}): JobEntry[] {
  const entries = options.jobs.map((def) => createJobEntry(def, options.timezone));
  for (const source of options.externalJobs) {
    for (const def of source.jobs) entries.push(createJobEntry(def, options.timezone, source.name));
  }
  return entries;
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
  // Keep the row already held when nothing changed: a poll of 10,000 jobs then leaves only
  // young garbage instead of replacing (promoting) 10,000 objects every time.
  if (entry.state && sameJobState(entry.state, state)) return false;
  entry.state = state;
  const expression = state.scheduleOverride ?? entry.def.schedule;
  if (expression === entry.expression) return false;
  entry.schedule = compileSchedule(expression, entry.timezone, entry.def);
  entry.expression = expression;
  return true;
}

/** Whether two reads of a job row hold the same values. @internal */
export function sameJobState(a: JobState, b: JobState): boolean {
  return (
    a.updatedAt.getTime() === b.updatedAt.getTime() &&
    a.createdAt.getTime() === b.createdAt.getTime() &&
    a.name === b.name &&
    a.schedule === b.schedule &&
    a.timezone === b.timezone &&
    a.description === b.description &&
    sameList(a.dependsOn, b.dependsOn) &&
    a.scheduleOverride === b.scheduleOverride &&
    a.paused === b.paused &&
    a.pauseNote === b.pauseNote &&
    a.circuit.state === b.circuit.state &&
    a.circuit.consecutiveFailures === b.circuit.consecutiveFailures &&
    a.circuit.openedAt?.getTime() === b.circuit.openedAt?.getTime()
  );
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return (a?.length ?? 0) === (b?.length ?? 0);
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
