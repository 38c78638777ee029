import type { RunRecord } from '../store/types.js';
import type { IncidentName, IncidentState } from './alert-state.js';
import { formatDurationMs, summarizeError } from './format.js';
import type { Notification } from './incidents.js';
import type { Alert } from './types.js';

/** The facts about a run shown in its alerts. @internal */
export function runFacts(run: RunRecord): Pick<
  Alert,
  'job' | 'runId' | 'status' | 'attempts' | 'durationMs' | 'error'
> & {
  fields: Record<string, string>;
} {
  const facts: ReturnType<typeof runFacts> = {
    job: run.job,
    runId: run.id,
    status: run.reason ? `${run.status} (${run.reason})` : run.status,
    fields: { 'scheduled for': run.scheduledFor.toISOString(), trigger: run.trigger },
  };
  if (run.attempts.length > 0) facts.attempts = run.attempts.length;
  if (run.durationMs !== undefined) facts.durationMs = run.durationMs;
  const error = summarizeError(run.error);
  if (error !== undefined) facts.error = error;
  return facts;
}

/**
 * Builds the alert of an incident notification: the first one as raised, an
 * escalation with the severity it escalated from, a reminder with how long it
 * has lasted and how often it was seen.
 * @internal
 */
export function incidentAlert(
  job: string,
  name: IncidentName,
  incident: IncidentState,
  notification: Notification,
  content: Omit<Alert, 'key' | 'kind' | 'severity' | 'createdAtMs' | 'job'>,
  nowMs: number,
): Alert {
  const alert: Alert = {
    ...content,
    key: `${job}:${name}`,
    kind: incident.kind,
    severity: incident.severity,
    job,
    createdAtMs: nowMs,
  };
  if (notification === 'escalated' && incident.notifiedSeverity !== undefined) {
    alert.fields = { ...content.fields, 'escalated from': incident.notifiedSeverity };
  }
  if (notification === 'reminded') {
    alert.reminder = true;
    alert.title = `${content.title} (ongoing for ${formatDurationMs(nowMs - incident.openedAtMs)})`;
    alert.fields = { ...content.fields, 'seen since first alert': String(incident.occurrences) };
  }
  return alert;
}
