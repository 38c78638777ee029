/** Sets or clears a job's schedule override in the store (the `schedule` command and the HTTP route). */
import type { JobState } from '@pokemon/scheduler/store';
import { requireJob } from './jobs.js';
import type { Runner } from './runner.js';

/**
 * Stores the override through the scheduler (`null` restores the code's schedule): `cron` is
 * validated in the job's timezone (an `InvalidScheduleError` naming the job when bad), the jobs
 * are registered when the store is new, and the change is recorded in the audit log as `actor`.
 * Returns the job's new state.
 */
export async function setScheduleOverride(
  runner: Runner,
  name: string,
  cron: string | null,
  actor: string,
): Promise<JobState | undefined> {
  requireJob(runner, name);
  await runner.scheduler.overrideSchedule(name, cron, { actor });
  return runner.store.getJob(name);
}
