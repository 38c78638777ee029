/** Failure-rate rule options. */
export interface FailureRateOptions {
  /** Alert when failed / (succeeded + failed) over the window reaches this fraction (0..1]. @default 0.2 */
  threshold?: number;
  /** The window the rate is computed over, ms. @default 86400000 (24 h) */
  windowMs?: number;
  /** No alert with fewer finished runs than this in the window. @default 5 */
  minRuns?: number;
}

/**
 * The alert policy: which conditions alert and how noise is kept down. Set it
 * globally with `createScheduler({ alerts })` and override any field per job
 * with `defineJob({ alerts })`. `false` turns a rule off.
 *
 * @remarks
 * Conditions of one job are grouped into incidents (failing, stale, missed,
 * skipped, slow, stale heartbeat): an incident alerts once, then again only
 * as a reminder once `cooldownMs` has passed while it lasts, and one
 * `recovered` notice is sent when the job succeeds again. On top of that a
 * global rate limit holds back bursts and sends one "N more alerts
 * suppressed" summary. The alert state is kept in the store, so a restart
 * does not re-send.
 */
export interface AlertOptions {
  /** Alert when a run fails (or times out) after all its retries. @default true */
  onFailure?: boolean;
  /** Alert (critical) after this many failed runs in a row. @default 3 */
  consecutiveFailures?: number | false;
  /** Alert when the failure rate over a window passes a threshold. @default `{ threshold: 0.2, windowMs: 86400000, minRuns: 5 }` */
  failureRate?: FailureRateOptions | false;
  /** Alert when a run takes longer than this, ms. @default undefined (off) */
  slowerThanMs?: number;
  /**
   * Dead-man's switch: alert when the job has not succeeded within this many
   * schedule periods after its last success (counted in slots of its schedule).
   * @default 2
   */
  staleAfterPeriods?: number | false;
  /** Alert when a running run has not heartbeated (or started) within this many ms. @default 1800000 (30 min) */
  heartbeatStaleMs?: number | false;
  /** Alert when this many slots in a row were skipped (overlap, unmet dependency). @default 3 */
  consecutiveSkips?: number | false;
  /** Alert when slots are recorded `missed` (no instance was running, catch-up did not run them). @default true */
  onMissed?: boolean;
  /** Alert on circuit breaker transitions (open, re-open, close). @default true */
  onCircuit?: boolean;
  /** Send a `recovered` notice when a job that alerted succeeds again. @default true */
  onRecovery?: boolean;
  /** Minimum time between two notifications of one incident (reminders are sent at this pace), ms. @default 3600000 (1 h) */
  cooldownMs?: number;
  /** Global limit of alerts sent per minute; the rest are summarised. Only the scheduler-wide value is used. @default 20 */
  rateLimitPerMinute?: number;
  /** Turns alerting off (globally, or for one job). @default true */
  enabled?: boolean;
}
