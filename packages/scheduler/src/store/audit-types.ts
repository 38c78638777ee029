import type { Store } from './types.js';

/**
 * Who did it, as recorded in the audit log: the name of an API token, `cli:<os user>` for the
 * runner's command line, `deploy` for the changes `start()` makes when it reconciles the job
 * definitions into the store, `api` for a scheduler call that names no actor.
 */
export type AuditActor = string;

/**
 * What was done.
 *
 * - `job.created`, `job.changed`, `job.removed`: a deploy reconciled a job's definition into the
 *   store (actor `deploy`); `before`/`after` hold the job's spec (schedule, timezone, ...).
 * - `job.paused`, `job.resumed`: an operator paused (with the note) or resumed a job.
 * - `job.schedule-overridden`, `job.schedule-cleared`: an operator replaced the code's schedule
 *   with another cron expression, or restored it.
 * - `job.triggered`: an operator ran a job now (`after` holds the run's id and status).
 * - `job.backfilled`: an operator replayed a range of slots (`after` holds the range and counts).
 * - `run.retried`: an operator ran a finished run's slot again.
 */
export type AuditAction =
  | 'job.created'
  | 'job.changed'
  | 'job.removed'
  | 'job.paused'
  | 'job.resumed'
  | 'job.schedule-overridden'
  | 'job.schedule-cleared'
  | 'job.triggered'
  | 'job.backfilled'
  | 'run.retried';

/** Every {@link AuditAction}, in the order of its documentation. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'job.created',
  'job.changed',
  'job.removed',
  'job.paused',
  'job.resumed',
  'job.schedule-overridden',
  'job.schedule-cleared',
  'job.triggered',
  'job.backfilled',
  'run.retried',
];

/** One operator action or deploy change to record ({@link Store.appendAudit}). */
export interface AuditEntryInput {
  /** Who did it (see {@link AuditActor}); a non-empty string. */
  actor: AuditActor;
  /** What was done. */
  action: AuditAction;
  /** The job it was done to, when it concerns one. */
  job?: string;
  /** The state before the action (JSON; e.g. the job row, or its spec for a deploy). */
  before?: unknown;
  /** The state after the action (JSON). */
  after?: unknown;
  /** The operator's note (e.g. why a job was paused). */
  note?: string;
  /** The scheduler instance that made the change, when one did. */
  instanceId?: string;
}

/** An entry of the audit log, as stored: never updated, removed only by {@link Store.pruneAudit}. */
export interface AuditEntry extends AuditEntryInput {
  /** Unique id, assigned by the store. */
  id: string;
  /** When it was recorded (the store's clock). */
  at: Date;
}

/** An audit log query. Filters combine with AND; entries come newest first (`at`, then `id`). */
export interface AuditQuery {
  /** Only entries about this job. */
  job?: string;
  /** Only entries by this actor. */
  actor?: AuditActor;
  /** Only entries of this action. */
  action?: AuditAction;
  /** Entries recorded at or after this instant. */
  since?: Date;
  /** Entries recorded before this instant. */
  until?: Date;
  /** Page size. @default 50 (max 1000) */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** One page of the audit log. */
export interface AuditPage {
  /** The entries of this page, newest first. */
  entries: AuditEntry[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** Retention rule of {@link Store.pruneAudit}. */
export interface AuditPruneOptions {
  /** Delete entries recorded before this instant. */
  olderThan: Date;
}
