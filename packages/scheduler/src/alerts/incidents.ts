import type { IncidentName, IncidentPhase, IncidentState, JobAlertState, OutboxEntry } from './alert-state.js';
import { isAtLeast } from './severity.js';
import type { Alert, AlertKind, AlertSeverity } from './types.js';

/**
 * A notification handed to a dispatcher is presumed lost after this long
 * without an outcome (its instance died), and is sent again. Longer than the
 * dispatcher's 5-minute delivery timeout.
 * @internal
 */
export const SENDING_LEASE_MS = 6 * 60_000;

/**
 * Conditions that come and go by nature (a run slower than its period skips
 * slots, then catches up): re-opened within the cooldown of their last
 * notification, they stay quiet until it has passed. Failures, staleness,
 * missed slots and circuits always alert at once.
 * @internal
 */
const FLAP_PROTECTED: ReadonlySet<IncidentName> = new Set<IncidentName>(['skipped', 'slow']);

/** A notification an incident needs now. @internal */
export type Notification = Exclude<IncidentPhase, 'resolved'>;

/**
 * Records that condition `name` holds at `nowMs` (`count` more occurrences):
 * opens the incident (phase `open`) or updates it, keeping the most severe
 * rule seen. Mutates `state`; sends nothing (see {@link dueNotification}).
 * @internal
 */
export function raiseIncident(
  state: JobAlertState,
  name: IncidentName,
  raised: { kind: AlertKind; severity: AlertSeverity; runId?: string | undefined },
  nowMs: number,
  cooldownMs: number,
  count = 1,
): IncidentState {
  const existing = state.incidents[name];
  const incident: IncidentState = existing ?? {
    phase: 'open',
    kind: raised.kind,
    severity: raised.severity,
    openedAtMs: nowMs,
    notified: false,
    occurrences: 0,
  };
  const lastSentAtMs = state.lastSentAtMs[name];
  if (!existing && FLAP_PROTECTED.has(name) && lastSentAtMs !== undefined)
    incident.quietUntilMs = lastSentAtMs + cooldownMs;
  incident.occurrences += count;
  if (raised.runId !== undefined) incident.runId = raised.runId;
  if (!existing || isAtLeast(raised.severity, incident.severity)) {
    incident.kind = raised.kind;
    incident.severity = raised.severity;
  }
  state.incidents[name] = incident;
  return incident;
}

/**
 * The notification `incident` needs at `nowMs`, if any:
 * - none while one is being delivered (by this or another instance);
 * - `open` until one is confirmed delivered, or when the notifier has a
 *   channel the incident was never posted to (a webhook configured later);
 * - `escalated` when it became more severe than what was delivered (at once,
 *   whatever the cooldown);
 * - the transition of a notification whose delivery failed (sent again);
 * - `reminded` when `onRaise` (the condition was seen again) and `cooldownMs`
 *   has passed since the last delivery.
 * @internal
 */
export function dueNotification(
  incident: IncidentState,
  nowMs: number,
  cooldownMs: number,
  channels: readonly string[],
  onRaise: boolean,
): Notification | undefined {
  if (isSending(incident.outbox, nowMs)) return undefined;
  if (!incident.notified) return (incident.quietUntilMs ?? 0) <= nowMs ? 'open' : undefined;
  if (incident.channels && channels.some((channel) => !incident.channels?.includes(channel))) return 'open';
  if (!isAtLeast(incident.notifiedSeverity ?? incident.severity, incident.severity)) return 'escalated';
  if (incident.outbox && incident.outbox.phase !== 'resolved') return incident.outbox.phase;
  const lastSentAtMs = incident.lastSentAtMs ?? incident.openedAtMs;
  return onRaise && nowMs - lastSentAtMs >= cooldownMs ? 'reminded' : undefined;
}

/** Whether `entry` was handed to a dispatcher that may still deliver it. @internal */
export function isSending(entry: OutboxEntry | undefined, nowMs: number): boolean {
  return entry?.sendingSinceMs !== undefined && nowMs - entry.sendingSinceMs < SENDING_LEASE_MS;
}

/** Puts `alert` in the outbox of `target` as being delivered from `nowMs`. @internal */
export function markSending(
  target: { outbox?: OutboxEntry },
  phase: IncidentPhase,
  alert: Alert,
  channels: readonly string[],
  nowMs: number,
): OutboxEntry {
  const entry: OutboxEntry = { phase, alert, sendingSinceMs: nowMs, channels: [...channels] };
  target.outbox = entry;
  return entry;
}

/**
 * Applies a delivery outcome to the incident it was for: on success the
 * incident takes the notified phase, severity and channels; on failure the
 * notification stays in the outbox, due again at the next evaluation.
 * @internal
 */
export function settleIncidentDelivery(
  state: JobAlertState,
  name: IncidentName,
  sendingSinceMs: number,
  delivered: boolean,
): void {
  const incident = state.incidents[name];
  if (!incident) return;
  const entry = incident.outbox;
  if (entry?.sendingSinceMs !== sendingSinceMs) return; // superseded by a newer notification
  if (!delivered) {
    delete entry.sendingSinceMs;
    return;
  }
  delete incident.outbox;
  incident.notified = true;
  incident.lastSentAtMs = entry.alert.createdAtMs;
  state.lastSentAtMs[name] = entry.alert.createdAtMs;
  incident.notifiedSeverity = entry.alert.severity;
  incident.channels = [...new Set([...(incident.channels ?? []), ...entry.channels])];
  if (entry.phase !== 'resolved') incident.phase = entry.phase;
}

/**
 * Closes incident `name` (phase `resolved`); returns it when it was open.
 * The next occurrence of the condition opens a new incident, notified at
 * once. Mutates `state`.
 * @internal
 */
export function closeIncident(state: JobAlertState, name: IncidentName): IncidentState | undefined {
  const incident = state.incidents[name];
  if (!incident) return undefined;
  delete state.incidents[name];
  incident.phase = 'resolved';
  delete incident.outbox;
  return incident;
}

/**
 * The severity a recovery notice of `incidents` carries: the highest severity
 * they were notified with, so it passes every channel filter they passed.
 * @internal
 */
export function recoverySeverity(incidents: readonly IncidentState[]): AlertSeverity {
  let severity: AlertSeverity = 'info';
  for (const incident of incidents) {
    const notified = incident.notifiedSeverity ?? incident.severity;
    if (isAtLeast(notified, severity)) severity = notified;
  }
  return severity;
}
