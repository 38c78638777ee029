import type { RunStatus } from '../store/types.js';

/**
 * What became of one expected slot of a job (see `Scheduler.auditSlots`). Every slot is in
 * exactly one class.
 *
 * - `on-time`: its scheduled run started within the tolerance of the slot (plus the job's jitter).
 * - `late`: its scheduled run started later than that (`latenessMs` says how late).
 * - `caught-up`: it was missed live and run later by the job's catch-up policy.
 * - `backfilled`: it had no scheduled run, and an operator's `backfill` replayed it.
 * - `skipped`: it was not run on purpose: `reason` is `overlap`, `dependency`, `circuit-open` or
 *   `paused`.
 * - `missed`: it passed unrun and catch-up did not run it: `reason` is `catch-up-policy` (the policy
 *   runs fewer slots), `window` (older than the catch-up window) or `cap` (beyond the most a
 *   catch-up runs or records).
 * - `unknown`: nothing was recorded for it: `reason` is `no-instance` (no scheduler instance was
 *   running then) or `no-record` (one was, but the store did not record it: unreachable, or the
 *   record was pruned).
 */
export type SlotClass = 'on-time' | 'late' | 'caught-up' | 'backfilled' | 'skipped' | 'missed' | 'unknown';

/** Why a slot was `skipped`, `missed` or is `unknown` (see {@link SlotClass}). */
export type SlotReason =
  | 'overlap'
  | 'dependency'
  | 'circuit-open'
  | 'paused'
  | 'catch-up-policy'
  | 'window'
  | 'cap'
  | 'no-instance'
  | 'no-record';

/** One expected slot of a job and what became of it. */
export interface AuditedSlot {
  /** The job. */
  job: string;
  /** The slot (when the schedule in force at that time said the job was due). */
  slot: Date;
  /** What became of it. */
  class: SlotClass;
  /** Why, for `skipped`, `missed` and `unknown`. */
  reason?: SlotReason;
  /** The reason recorded with the run, as written (e.g. `dependency "sync-sets" last failed at …`). */
  detail?: string;
  /** From the slot to the start of the run that ran it, ms (`on-time`, `late`, `caught-up`, `backfilled`). */
  latenessMs?: number;
  /** The run that decided the class, when there is one. */
  runId?: string;
  /** That run's status (a slot that ran `on-time` may still have `failed`). */
  status?: RunStatus;
}

/** Options of `Scheduler.auditSlots`. */
export interface SlotAuditOptions {
  /** Only this job. @default every job of the scheduler */
  job?: string;
  /** First instant of the range (inclusive). */
  from: Date;
  /** End of the range (exclusive); slots after the scheduler's current time are left out. */
  to: Date;
  /** How late a scheduled run may start and still be `on-time`, ms (the job's `jitterMs` is added). @default 1000 */
  toleranceMs?: number;
}

/** The slots of one job over the audited range, with a count per class. */
export interface JobSlotAudit {
  /** The job. */
  job: string;
  /** Every expected slot, oldest first. */
  slots: AuditedSlot[];
  /** How many slots fell in each class (every class present, zero included). */
  counts: Record<SlotClass, number>;
}

/** What `Scheduler.auditSlots` found. */
export interface SlotAudit {
  /** The range audited: `from` as asked, `to` capped at the scheduler's current time. */
  from: Date;
  /** See `from`. */
  to: Date;
  /** The tolerance used for `on-time`, ms. */
  toleranceMs: number;
  /** One entry per job audited, by name. */
  jobs: JobSlotAudit[];
}

/**
 * A scheduler instance sharing the store, as the store's liveness record knows it (see
 * `Scheduler.instances`). Times are store time.
 */
export interface SchedulerInstance {
  /** Its `instanceId`. */
  id: string;
  /** When it started. */
  startedAt: Date;
  /** The last evidence that it was running (refreshed about once a minute while it runs). */
  lastSeenAt: Date;
  /** When it stopped cleanly (`stop()`); `undefined` while it runs, or when it died without stopping. */
  stoppedAt: Date | undefined;
  /**
   * `true` while it runs: not stopped, and seen within three beats (or three `pollIntervalMs`,
   * when longer). An instance not stopped and not seen since is taken for dead.
   */
  alive: boolean;
}

/** The part of `Scheduler` that lists the instances sharing its store. */
export interface InstancesView {
  /**
   * The scheduler instances sharing the store, from the liveness record every started instance
   * keeps in it (the record the slot audit reads to tell when none was running): each running
   * instance, and the last one that stopped or went silent. This instance first, then newest first.
   * Reads only; works before `start()` (this instance is then not listed).
   *
   * @example
   * ```ts
   * const alive = (await scheduler.instances()).filter((instance) => instance.alive);
   * ```
   */
  instances(): Promise<SchedulerInstance[]>;
}
