import type { AuditActor } from '../store/types.js';

/**
 * Who an operator action is recorded as in the audit log (`Store.listAudit`).
 */
export interface OperatorOptions {
  /**
   * The actor recorded with the action: a token's name, `cli:<os user>`, a service's name.
   * @default 'api'
   */
  actor?: AuditActor;
}

/** Options of `Scheduler.pause`. */
export interface PauseOptions extends OperatorOptions {
  /** Why the job is paused, shown with its state and recorded in the audit log. */
  note?: string;
}

/** Options of `Scheduler.resume` and `Scheduler.overrideSchedule`. */
export interface OperatorActionOptions extends OperatorOptions {
  /** Why, recorded in the audit log. */
  note?: string;
}
