import type { JobDefinition } from '../job/types.js';
import type { JobSchedule } from '../run/runtime.js';
import { parseSchedule } from '../schedule/index.js';

/**
 * Compiles a job's (possibly overridden) expression in its timezone with its
 * DST options. Throws `InvalidScheduleError` naming the job.
 *
 * @internal
 */
export function compileSchedule(expression: string, timezone: string, def: JobDefinition): JobSchedule {
  // The schedule already has the engine's shape (`next`/`previous` return `undefined` past the end).
  return parseSchedule(expression, { timezone, dst: def.dst, job: def.name });
}
