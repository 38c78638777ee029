/**
 * A job's effective schedule read from its store row, and its next runs: what
 * `plan()`, `nextRuns()` and `status()` report, computed the way the engine
 * schedules (override, timezone, DST policy) without touching the engine's state.
 */

import type { JobEntry, JobSchedule } from '../run/runtime.js';
import type { JobState } from '../store/types.js';
import { compileSchedule } from './job-schedule.js';

/** Most next runs one call computes. */
export const MAX_NEXT_RUNS = 1_000;

/** The schedule a job runs on, given its stored row. @internal */
export interface EffectiveSchedule {
  /** The cron expression in force. */
  expression: string;
  /** It compiled in the job's timezone with the job's DST policy. */
  schedule: JobSchedule;
  /** Whether it is the operator's override. */
  overridden: boolean;
}

/**
 * The operator's override when `state` holds one, else the code's schedule, compiled in the
 * job's timezone with its DST options. An override that does not compile is ignored here as the
 * engine ignores it (it keeps the schedule it holds and reports the error).
 *
 * @internal
 */
export function effectiveSchedule(entry: JobEntry, state: JobState | undefined): EffectiveSchedule {
  const override = state?.scheduleOverride;
  const expression = override ?? entry.def.schedule;
  if (expression === entry.expression)
    return { expression, schedule: entry.schedule, overridden: override !== undefined };
  try {
    return {
      expression,
      schedule: compileSchedule(expression, entry.timezone, entry.def),
      overridden: override !== undefined,
    };
  } catch {
    return {
      expression: entry.expression,
      schedule: entry.schedule,
      overridden: entry.expression !== entry.def.schedule,
    };
  }
}

/**
 * Throws a `RangeError` naming the call unless `count` is an integer in `[0, MAX_NEXT_RUNS]`.
 *
 * @internal
 */
export function checkCount(count: number, where: string): void {
  if (!Number.isInteger(count) || count < 0 || count > MAX_NEXT_RUNS) {
    throw new RangeError(
      `${where}: count must be an integer from 0 to ${MAX_NEXT_RUNS}, got ${String(count)}. Ask for fewer runs.`,
    );
  }
}

/**
 * Throws a `TypeError` naming the call unless `after` is a valid Date (or absent).
 *
 * @internal
 */
export function checkAfter(after: Date | undefined, where: string): void {
  if (after !== undefined && !(after instanceof Date && Number.isFinite(after.getTime()))) {
    throw new TypeError(`${where}: \`after\` must be a valid Date, got ${String(after)}.`);
  }
}
