import type { IncidentName, IncidentState, JobAlertState } from './alert-state.js';
import { isAtLeast } from './severity.js';
import type { AlertKind, AlertSeverity } from './types.js';

/** What raising a condition should do: notify it (`new` / `reminder`) or stay quiet. @internal */
export type RaiseOutcome = 'new' | 'reminder' | 'quiet';

/**
 * Records that condition `name` holds at `nowMs` (`count` more occurrences)
 * and decides whether to notify: the first time (unless the same incident
 * was notified less than `cooldownMs` ago, before it closed: a flapping job),
 * then at most once per `cooldownMs` as a reminder. Mutates `state`. Pure otherwise.
 * @internal
 */
export function raiseIncident(
  state: JobAlertState,
  name: IncidentName,
  raised: { kind: AlertKind; severity: AlertSeverity; runId?: string | undefined },
  nowMs: number,
  cooldownMs: number,
  count = 1,
): { outcome: RaiseOutcome; incident: IncidentState } {
  const existing = state.incidents[name];
  const lastSentAtMs = existing?.lastSentAtMs ?? state.lastSentAtMs[name];
  const due = lastSentAtMs === undefined || nowMs - lastSentAtMs >= cooldownMs;
  const incident: IncidentState = existing ?? {
    kind: raised.kind,
    severity: raised.severity,
    openedAtMs: nowMs,
    notified: false,
    occurrences: 0,
  };
  incident.occurrences += count;
  if (raised.runId !== undefined) incident.runId = raised.runId;
  if (!existing || isAtLeast(raised.severity, incident.severity)) {
    incident.kind = raised.kind;
    incident.severity = raised.severity;
  }
  state.incidents[name] = incident;
  if (!due) return { outcome: 'quiet', incident };
  const outcome: RaiseOutcome = incident.notified ? 'reminder' : 'new';
  markSent(state, name, incident, nowMs);
  return { outcome, incident };
}

/** Records a notification of `incident` at `nowMs`. @internal */
function markSent(state: JobAlertState, name: IncidentName, incident: IncidentState, nowMs: number): void {
  incident.notified = true;
  incident.lastSentAtMs = nowMs;
  state.lastSentAtMs[name] = nowMs;
}

/** Closes incident `name`; returns it when it was open. Mutates `state`. @internal */
export function closeIncident(state: JobAlertState, name: IncidentName): IncidentState | undefined {
  const incident = state.incidents[name];
  if (incident) delete state.incidents[name];
  return incident;
}
