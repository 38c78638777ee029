import type { IncidentName, JobAlertState } from './alert-state.js';
import type { DeliveryOutcome } from './dispatcher.js';
import { dueNotification, isSending, markSending, settleIncidentDelivery } from './incidents.js';
import type { DeliveryTarget, MonitorContext } from './monitor-context.js';

/**
 * Records the outcome of a notification handed to the dispatcher at
 * `sendingSinceMs` in `state`: a confirmed delivery marks the incident
 * notified (or forgets a recovery notice); a failed one leaves it due again.
 * A rate-limited alert counts as notified: the "suppressed" summary speaks for it.
 * Mutates `state`. @internal
 */
export function recordDelivery(
  state: JobAlertState,
  target: DeliveryTarget,
  sendingSinceMs: number,
  outcome: DeliveryOutcome,
): void {
  const delivered = outcome !== 'failed';
  if ('recovery' in target) {
    const entry = state.recoveries[target.recovery];
    if (entry?.sendingSinceMs !== sendingSinceMs) return;
    if (delivered) delete state.recoveries[target.recovery];
    else delete entry.sendingSinceMs;
    return;
  }
  const incident = state.incidents[target.incident];
  if (incident?.openedAtMs !== target.openedAtMs) return; // closed (or re-opened) meanwhile
  settleIncidentDelivery(state, target.incident, sendingSinceMs, delivered);
}

/** Whether `state` holds a notification to send now (without a new occurrence). @internal */
export function hasUndelivered(ctx: MonitorContext, job: string, state: JobAlertState, nowMs: number): boolean {
  const cooldownMs = ctx.options(job).cooldownMs;
  return (
    Object.values(state.recoveries).some((entry) => !isSending(entry, nowMs)) ||
    Object.values(state.incidents).some(
      (incident) => incident && dueNotification(incident, nowMs, cooldownMs, ctx.channels, false) !== undefined,
    )
  );
}

/**
 * Sends again what `state` holds undelivered: alerts whose delivery failed,
 * escalations, incidents a channel never received, and recovery notices.
 * Mutates `state`. @internal
 */
export function redeliver(ctx: MonitorContext, job: string, state: JobAlertState, nowMs: number): void {
  const cooldownMs = ctx.options(job).cooldownMs;
  for (const [name, incident] of Object.entries(state.incidents)) {
    if (!incident) continue;
    const phase = dueNotification(incident, nowMs, cooldownMs, ctx.channels, false);
    const outbox = incident.outbox;
    const failed = outbox && outbox.phase === phase ? outbox.alert : undefined;
    const previous = failed ?? incident.alert;
    if (phase === undefined || previous === undefined) continue;
    const alert = { ...previous, severity: incident.severity, kind: incident.kind, createdAtMs: nowMs };
    markSending(incident, phase, alert, ctx.channels, nowMs);
    ctx.send(job, { incident: name as IncidentName, openedAtMs: incident.openedAtMs }, alert, nowMs);
  }
  for (const [key, entry] of Object.entries(state.recoveries)) {
    if (isSending(entry, nowMs)) continue;
    entry.sendingSinceMs = nowMs;
    ctx.send(job, { recovery: key }, entry.alert, nowMs);
  }
}
