import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { AlertStateCache, IncidentName, IncidentState, JobAlertState } from './alert-state.js';
import type { AlertDispatcher } from './dispatcher.js';
import { incidentAlert } from './emit.js';
import { raiseIncident } from './incidents.js';
import type { Alert, AlertKind, AlertSeverity, ResolvedAlertOptions } from './types.js';

/** What the monitor's rules share. @internal */
export interface MonitorContext {
  readonly store: Store;
  readonly logger: Logger;
  readonly states: AlertStateCache;
  readonly dispatcher: AlertDispatcher;
  /** Resolved options of a job (the scheduler-wide ones merged with its overrides). */
  options(job: string): ResolvedAlertOptions;
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
 * Raises incident `name` of `job` and sends its alert when it is new or a
 * reminder is due. Mutates `state` (the caller saves it). @internal
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
  const { outcome, incident } = raiseIncident(state, name, raised, nowMs, cooldownMs, raised.count ?? 1);
  if (outcome !== 'quiet') ctx.dispatcher.send(incidentAlert(job, name, incident, outcome, raised.content, nowMs));
  return incident;
}
