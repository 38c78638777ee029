/** Sets or clears a job's schedule override in the store (the `schedule` command and the HTTP route). */
import { type JobState, parseSchedule } from '@pokemon/scheduler';
import { jobSpecs, requireJob } from './jobs.js';
import type { Runner } from './runner.js';

/**
 * Validates `cron` in the job's timezone (an `InvalidScheduleError` naming the job
 * when bad), registers the jobs when the store is new, and stores the override
 * (`null` restores the code's schedule). Returns the job's new state.
 */
export async function setScheduleOverride(
  runner: Runner,
  name: string,
  cron: string | null,
): Promise<JobState | undefined> {
  const job = requireJob(runner, name);
  if (cron !== null) parseSchedule(cron, { timezone: job.timezone ?? runner.config.timezone, job: name });
  // Registers the jobs when the store does not know this one yet (a new store), as `start` would.
  if (!(await runner.store.getJob(name))) await runner.store.reconcileJobs(jobSpecs(runner));
  return runner.store.updateJob(name, { scheduleOverride: cron });
}
