/** A run's status and trigger: the types and their run-time lists. */

/**
 * The life of a run.
 *
 * - `running`: claimed and not finished (possibly still waiting for a concurrency slot).
 * - `succeeded`, `failed` (after all retries), `timed_out` (last attempt timed out),
 *   `cancelled` (shutdown, replaced, user): finished.
 * - `skipped`: the slot was not run (overlap, unmet dependency, circuit open, paused); `reason` says why.
 * - `missed`: the slot passed while nothing could run it and the catch-up policy did not run it.
 * - `abandoned`: its owner stopped heartbeating (lease expired); another instance took the slot over.
 */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Every {@link RunStatus}, for validating input and listing choices. */
export const RUN_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'cancelled',
  'skipped',
  'missed',
  'abandoned',
] as const;

/** Statuses a run can end with. */
export type FinalRunStatus = Exclude<RunStatus, 'running'>;

/** What started a run. */
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Every {@link RunTrigger}, for validating input and listing choices. */
export const RUN_TRIGGERS = ['schedule', 'manual', 'catch-up', 'backfill', 'dependency'] as const;
