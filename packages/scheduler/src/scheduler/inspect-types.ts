import type { ExternalJobsPlan } from '../job/external-jobs.js';
import type { JobPlan, RunTrigger } from '../store/types.js';

/** A job's state as an operator sees it: `paused` by an operator, `circuit-open`, or `active`. */
export type JobStateName = 'active' | 'paused' | 'circuit-open';

/** Options of `Scheduler.plan`. */
export interface PlanOptions {
  /** How many next runs to compute per job. An integer from 0 to 1000. @default 3 */
  count?: number;
  /** Next runs are the slots strictly after this instant. @default the scheduler's clock now */
  after?: Date;
}

/** Options of `Scheduler.nextRuns`. */
export interface NextRunsOptions {
  /** The slots strictly after this instant. @default the scheduler's clock now */
  after?: Date;
}

/** One job in a {@link SchedulerPlan}: the schedule it runs on and its next slots. */
export interface PlannedJob {
  /** Job name. */
  name: string;
  /** The effective cron expression: the operator's override when one is stored, else the code's. */
  schedule: string;
  /** Whether `schedule` is an operator override (`JobState.scheduleOverride`). */
  overridden: boolean;
  /** IANA timezone the schedule is evaluated in. */
  timezone: string;
  /** `paused` (its slots would be recorded `skipped`, reason `paused`), `circuit-open`, or `active`. */
  state: JobStateName;
  /**
   * The next slots of the effective schedule, oldest first, after the job's DST policy (a slot in
   * a spring-forward gap is at the jump or absent, per `dst.gap`). Slots, not start times: jitter
   * is not applied. A paused job's slots are listed too (see `state`).
   */
  nextRuns: Date[];
}

/**
 * What `Scheduler.start` would do to the store's job table (the reconcile, computed
 * without writing anything), and each job's next runs.
 */
export interface SchedulerPlan extends JobPlan {
  /** Every job the scheduler was created with, in definition order (then the `externalJobs`). */
  jobs: PlannedJob[];
  /** What starting would change in the systems that run the `externalJobs` (e.g. `cron.job`), per source. */
  external: ExternalJobsPlan[];
}

/** A run in progress on any instance sharing the store, as `JobStatus.inProgress` reports it. */
export interface RunInProgress {
  /** The run's id. */
  id: string;
  /** The instance that holds it. */
  instanceId: string | undefined;
  /** Its slot (for manual runs: when it was requested). */
  scheduledFor: Date;
  /** What started it. */
  trigger: RunTrigger;
  /** When its first attempt started; `undefined` while it waits (concurrency, an earlier run, an upstream). */
  startedAt: Date | undefined;
  /** Its owner's last heartbeat (store clock). */
  heartbeatAt: Date | undefined;
  /** Until when its owner's lease holds (store clock). */
  leaseExpiresAt: Date | undefined;
  /** The last progress its job reported with `ctx.heartbeat(progress)`, or `undefined`. */
  progress: unknown;
  /**
   * `true` when the lease expired before the store's current time: the owner stopped
   * heartbeating (it died or lost the store). The next reap marks the run `abandoned`.
   */
  ownerDead: boolean;
}
