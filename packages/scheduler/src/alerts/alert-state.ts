import type { Store } from '../store/types.js';
import type { Alert, AlertKind, AlertSeverity } from './types.js';

/**
 * The conditions of one job that alert as one incident each. `heartbeat:<runId>`
 * incidents are per run.
 * @internal
 */
export type IncidentName =
  | 'failing'
  | 'stale'
  | 'missed'
  | 'skipped'
  | 'slow'
  | 'circuit'
  | 'outage'
  | `heartbeat:${string}`;

/**
 * Where an incident stands: `open` (raised; notified once delivered),
 * `escalated` (a more severe rule took over and was notified at once),
 * `reminded` (still going at the cooldown), `resolved` (closed by a success;
 * its recovery notice goes where the incident was posted). @internal
 */
export type IncidentPhase = 'open' | 'escalated' | 'reminded' | 'resolved';

/** A notification of an incident handed to the dispatcher and not yet confirmed. @internal */
export interface OutboxEntry {
  /** The transition it notifies. */
  phase: IncidentPhase;
  /** The alert as built when it was raised (re-sent as is when delivery failed). */
  alert: Alert;
  /** When it was handed to a dispatcher; unset once that delivery failed (then due again). */
  sendingSinceMs?: number;
  /** Channels of the notifier that is delivering it. */
  channels: string[];
}

/** One open incident. @internal */
export interface IncidentState {
  phase: IncidentPhase;
  /** The rule that raised it last (sets the alert kind of reminders). */
  kind: AlertKind;
  severity: AlertSeverity;
  openedAtMs: number;
  /** Last confirmed delivery (first alert, escalation or reminder) of this incident. */
  lastSentAtMs?: number;
  /** Whether a notification of it was confirmed delivered (a recovery is sent only then). */
  notified: boolean;
  /** The severity of the last confirmed notification. */
  notifiedSeverity?: AlertSeverity;
  /** Channels (notifier names) that confirmed a notification of it. */
  channels?: string[];
  /** The latest alert built for it (what is sent again to a channel that missed it, or on escalation). */
  alert?: Alert;
  /** The notification being delivered, or due again after a failed delivery. */
  outbox?: OutboxEntry;
  /** How many times the condition was seen (failed runs, missed slots...). */
  occurrences: number;
  /** Not notified before this instant: a flapping condition re-opened within the cooldown. */
  quietUntilMs?: number;
  /** A run the incident is about (heartbeat incidents). */
  runId?: string;
}

/** What the monitor remembers about one job, kept in the store under `alerts:job:<name>`. @internal */
export interface JobAlertState {
  v: 1;
  incidents: Partial<Record<IncidentName, IncidentState>>;
  /** Recovery notices not confirmed delivered yet, by alert key (retried like alerts). */
  recoveries: Record<string, OutboxEntry>;
  /** Last confirmed notification per incident name, kept after it closes (flap protection of `skipped` and `slow`). */
  lastSentAtMs: Partial<Record<IncidentName, number>>;
  /** Slots skipped in a row (overlap, dependencies). */
  consecutiveSkips: number;
}

/** A fresh state. @internal */
function emptyJobAlertState(): JobAlertState {
  return { v: 1, incidents: {}, recoveries: {}, lastSentAtMs: {}, consecutiveSkips: 0 };
}

/** The store key of a job's alert state. @internal */
function alertStateKey(job: string): string {
  return `alerts:job:${job}`;
}

/**
 * Reads and writes job alert states through the store. Each evaluation reads
 * the stored state afresh, so instances sharing a store see what the others
 * sent (the evaluations of one monitor are serialised; two instances can
 * still race within one read-modify-write, which at worst repeats an alert).
 * @internal
 */
export class AlertStateCache {
  readonly #store: Store;
  readonly #cache = new Map<string, JobAlertState>();
  /** The JSON last read or written per job: unchanged states are not written again. */
  readonly #stored = new Map<string, string>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The job's state, read from the store. */
  async get(job: string): Promise<JobAlertState> {
    const stored = await this.#store.getState<JobAlertState>(alertStateKey(job));
    const state = stored && stored.v === 1 ? normalise(stored) : emptyJobAlertState();
    this.#cache.set(job, state);
    this.#stored.set(job, JSON.stringify(state));
    return state;
  }

  /** Jobs whose state this monitor has read or written, with the last state it saw. */
  loaded(): IterableIterator<[string, JobAlertState]> {
    return this.#cache.entries();
  }

  /** Persists the job's (mutated) state, unless it did not change. */
  async save(job: string, state: JobAlertState): Promise<void> {
    this.#cache.set(job, state);
    const json = JSON.stringify(state);
    if (this.#stored.get(job) === json) return;
    await this.#store.setState(alertStateKey(job), state);
    this.#stored.set(job, json);
  }
}

/** Fills fields older states lack (states written before incident phases existed). */
function normalise(stored: JobAlertState): JobAlertState {
  const incidents = stored.incidents ?? {};
  for (const incident of Object.values(incidents)) {
    if (!incident) continue;
    incident.phase ??= 'open';
    if (incident.notified) incident.notifiedSeverity ??= incident.severity;
  }
  return {
    v: 1,
    incidents,
    recoveries: stored.recoveries ?? {},
    lastSentAtMs: stored.lastSentAtMs ?? {},
    consecutiveSkips: stored.consecutiveSkips ?? 0,
  };
}
