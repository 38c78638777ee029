import type { JobDefinition } from '../job/types.js';
import { parseSchedule } from '../schedule/index.js';
import type { JobSchedule } from './runtime.js';

/**
 * Compiles a job's (possibly overridden) expression in its timezone with its
 * DST options. Throws `InvalidScheduleError` naming the job.
 *
 * @internal
 */
export function compileSchedule(expression: string, timezone: string, def: JobDefinition): JobSchedule {
  const schedule = parseSchedule(expression, { timezone, dst: def.dst, job: def.name });
  return {
    next: (after) => schedule.next(after) ?? undefined,
    previous: (before) => schedule.previous(before) ?? undefined,
    nextRuns: (n, after) => schedule.nextRuns(n, after),
    slotsBetween: (from, to, limit) => schedule.slotsBetween(from, to, limit),
  };
}
