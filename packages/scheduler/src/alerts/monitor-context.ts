import type { Logger } from '../core/logger.js';
import type { Store } from '../store/types.js';
import type { AlertStateCache, IncidentName, IncidentState, JobAlertState } from './alert-state.js';
import type { AlertDispatcher } from './dispatcher.js';
import { incidentAlert } from './emit.js';
import { dueNotification, markSending, raiseIncident } from './incidents.js';
import type { Alert, AlertKind, AlertSeverity, ResolvedAlertOptions } from './types.js';

/** What a notification is about: an incident, or a recovery notice (by alert key). @internal */
export type DeliveryTarget = { incident: IncidentName; openedAtMs: number } | { recovery: string };

/** What the monitor's rules share. @internal */
export interface MonitorContext {
  readonly store: Store;
  readonly logger: Logger;
  readonly states: AlertStateCache;
  readonly dispatcher: AlertDispatcher;
  /** The channels of the notifier (e.g. `['slack', 'log']`): what "delivered" covers. */
  readonly channels: readonly string[];
  /** Resolved options of a job (the scheduler-wide ones merged with its overrides). */
  options(job: string): ResolvedAlertOptions;
  /** Hands `alert` to the dispatcher; its outcome is recorded in the job's state later. */
  send(job: string, target: DeliveryTarget, alert: Alert, sendingSinceMs: number): void;
}

/** A condition being raised: its rule, severity and the alert content if it is notified. @internal */
interface Raised {
  kind: AlertKind;
  severity: AlertSeverity;
  runId?: string | undefined;
  count?: number;
  content: Omit<Alert, 'key' | 'kind' | 'severity' | 'createdAtMs' | 'job'>;
}

/**
 * Raises incident `name` of `job` and sends its alert when it is new,
 * escalated, due again or a reminder is due; otherwise logs (info) that it was
 * held back. Mutates `state` (the caller saves it). @internal
 */
export function raise(
  ctx: MonitorContext,
  job: string,
  state: JobAlertState,
  name: IncidentName,
  raised: Raised,
  nowMs: number,
): IncidentState {
  const cooldownMs = ctx.options(job).cooldownMs;
  const incident = raiseIncident(state, name, raised, nowMs, cooldownMs, raised.count ?? 1);
  const phase = dueNotification(incident, nowMs, cooldownMs, ctx.channels, true);
  if (phase === undefined) {
    incident.alert = incidentAlert(job, name, incident, 'open', raised.content, nowMs);
    logHeldBack(ctx, job, name, incident, cooldownMs);
    return incident;
  }
  const alert = incidentAlert(job, name, incident, phase, raised.content, nowMs);
  incident.alert = alert;
  markSending(incident, phase, alert, ctx.channels, nowMs);
  ctx.send(job, { incident: name, openedAtMs: incident.openedAtMs }, alert, nowMs);
  return incident;
}

/** Queues the recovery notice `alert` of `job`, kept in its state until delivered. Mutates `state`. @internal */
export function sendRecovery(
  ctx: MonitorContext,
  job: string,
  state: JobAlertState,
  alert: Alert,
  nowMs: number,
): void {
  const holder: { outbox?: JobAlertState['recoveries'][string] } = {};
  state.recoveries[alert.key] = markSending(holder, 'resolved', alert, ctx.channels, nowMs);
  ctx.send(job, { recovery: alert.key }, alert, nowMs);
}

function logHeldBack(
  ctx: MonitorContext,
  job: string,
  name: IncidentName,
  incident: IncidentState,
  cooldownMs: number,
): void {
  const fields = {
    job,
    incident: `${job}:${name}`,
    alert: incident.kind,
    severity: incident.severity,
    occurrences: incident.occurrences,
  };
  if (incident.outbox?.sendingSinceMs !== undefined) {
    ctx.logger.info('Alert not sent again: its notification is being delivered', fields);
    return;
  }
  const nextAtMs = incident.notified
    ? (incident.lastSentAtMs ?? incident.openedAtMs) + cooldownMs
    : incident.quietUntilMs;
  ctx.logger.info('Alert held back by the cooldown (incident still open)', {
    ...fields,
    nextReminderAt: new Date(nextAtMs ?? 0).toISOString(),
  });
}
