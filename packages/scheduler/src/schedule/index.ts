/**
 * Cron schedules as pure functions of a reference time.
 *
 * @module
 */

export type { Schedule, ScheduleOptions } from './schedule.js';
export { parseSchedule } from './schedule.js';
