/** Next runs of a schedule, through the library's `parseSchedule`. */
import { parseSchedule } from '@pokemon/scheduler';

/** The next `count` slots of `schedule` in `timezone` strictly after `after`. */
export function nextRuns(schedule: string, timezone: string, count: number, after: Date): Date[] {
  return parseSchedule(schedule, { timezone }).nextRuns(count, after);
}
