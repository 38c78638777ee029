import type { AlertOptions } from '../job/alert-options.js';
/**
 * How urgent an alert is. Notifiers can be limited to a minimum severity
 * (see {@link withMinSeverity}), e.g. Slack for `warning` and up, the log for everything.
 */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/**
 * What an alert is about.
 *
 * - `failure`: a run failed (or timed out, or was abandoned) after all its retries.
 * - `consecutive-failures`: the job failed N times in a row.
 * - `failure-rate`: the job's failure rate over a window passed its threshold.
 * - `slow-run`: a run took longer than `slowerThanMs`.
 * - `stale`: the job has not succeeded within `staleAfterPeriods` schedule periods (dead-man's switch).
 * - `heartbeat-stale`: a running run has not heartbeated within `heartbeatStaleMs`.
 * - `missed`: slots of a job were recorded `missed` (e.g. a clock jump, a store that failed).
 * - `outage`: no scheduler instance was running for a span: one alert for the missed slots of
 *   every job in it ("scheduler down from … to …, N slots of M jobs"), and one recovery.
 * - `skipped`: the job's slots keep being skipped (overlap, unmet dependency).
 * - `circuit-open` / `circuit-closed`: the job's circuit breaker opened (or re-opened) / closed.
 * - `recovered`: a job that was alerting succeeded again.
 * - `suppressed-summary`: the global rate limit held back some alerts; this says how many.
 * - `finding`: raised by a job itself through a notifier (a health threshold crossed, integrity problems).
 */
export type AlertKind =
  | 'failure'
  | 'consecutive-failures'
  | 'failure-rate'
  | 'slow-run'
  | 'stale'
  | 'heartbeat-stale'
  | 'missed'
  | 'outage'
  | 'skipped'
  | 'circuit-open'
  | 'circuit-closed'
  | 'recovered'
  | 'suppressed-summary'
  | 'finding';

/** One notification, as handed to a {@link Notifier}. Plain JSON-safe data. */
export interface Alert {
  /** Identifies the condition (e.g. `sync-cards:failing`); repeats of one condition share it. */
  key: string;
  /** What the alert is about. */
  kind: AlertKind;
  /** How urgent it is. */
  severity: AlertSeverity;
  /** One line, human-readable, e.g. `sync-cards failed after 3 attempts`. */
  title: string;
  /** Optional longer explanation (plain text). */
  text?: string;
  /** The job concerned, when there is one. */
  job?: string;
  /** The run concerned, when there is one. */
  runId?: string;
  /** The run's status (`failed`, `timed_out`, `missed`...), when there is a run. */
  status?: string;
  /** Attempts the run made. */
  attempts?: number;
  /** How long the run took, ms. */
  durationMs?: number;
  /** A short summary of the error (`Name: message`, truncated), never a stack. */
  error?: string;
  /** Extra facts shown as label/value pairs (e.g. `{ 'consecutive failures': '4' }`). */
  fields?: Record<string, string>;
  /** A link back to the run (a dashboard URL), when one is configured. */
  link?: string;
  /** When the alert was raised, ms since the epoch (scheduler clock). */
  createdAtMs: number;
  /** `true` for a reminder of a condition already notified (sent at the cooldown). */
  reminder?: boolean;
  /**
   * `true` for a recovery notice (`recovered`, `circuit-closed`): the incident
   * ended. Its `severity` is the one the incident was notified with, so it
   * reaches every channel (e.g. a `withMinSeverity` Slack) the incident reached.
   */
  resolved?: boolean;
}

/**
 * Something that delivers alerts: Slack, a log, a pager. Implement it to add
 * your own channel.
 *
 * @remarks
 * `notify` should reject when delivery failed (the scheduler logs it); it must
 * honour `signal` (aborted when the scheduler stops). It never affects jobs.
 *
 * @example
 * ```ts
 * const email: Notifier = {
 *   name: 'email',
 *   async notify(alert, signal) {
 *     await sendMail({ subject: alert.title, body: alert.error ?? '' }, { signal });
 *   },
 * };
 * ```
 */
export interface Notifier {
  /** A short name used in logs (`slack`, `log`). */
  readonly name?: string;
  /**
   * The channels this notifier delivers to, when it stands for several
   * (`fanOut` lists its notifiers' channels). An open incident is posted again
   * to a channel it never reached (a webhook configured after it opened).
   * @default [name]
   */
  readonly channels?: readonly string[];
  /** Delivers one alert. Rejects when it could not. */
  notify(alert: Alert, signal?: AbortSignal): Promise<void>;
}

export type { AlertOptions, FailureRateOptions } from '../job/alert-options.js';

/** {@link AlertOptions} with every default filled in and durations in ms. @internal */
export interface ResolvedAlertOptions {
  readonly enabled: boolean;
  readonly onFailure: boolean;
  readonly consecutiveFailures: number | undefined;
  readonly failureRate: { readonly threshold: number; readonly windowMs: number; readonly minRuns: number } | undefined;
  readonly slowerThanMs: number | undefined;
  readonly staleAfterPeriods: number | undefined;
  readonly heartbeatStaleMs: number | undefined;
  readonly consecutiveSkips: number | undefined;
  readonly onMissed: boolean;
  readonly onCircuit: boolean;
  readonly onRecovery: boolean;
  readonly cooldownMs: number;
  readonly rateLimitPerMinute: number;
}
