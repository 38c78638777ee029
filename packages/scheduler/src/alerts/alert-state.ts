import type { Store } from '../store/types.js';
import type { AlertKind, AlertSeverity } from './types.js';

/**
 * The conditions of one job that alert as one incident each. `heartbeat:<runId>`
 * incidents are per run.
 * @internal
 */
export type IncidentName = 'failing' | 'stale' | 'missed' | 'skipped' | 'slow' | 'circuit' | `heartbeat:${string}`;

/** One open incident. @internal */
export interface IncidentState {
  /** The rule that raised it last (sets the alert kind of reminders). */
  kind: AlertKind;
  severity: AlertSeverity;
  openedAtMs: number;
  /** Last notification (first alert or reminder) of this incident. */
  lastSentAtMs?: number;
  /** Whether any notification was sent for it (a recovery is sent only then). */
  notified: boolean;
  /** How many times the condition was seen (failed runs, missed slots...). */
  occurrences: number;
  /** A run the incident is about (heartbeat incidents). */
  runId?: string;
}

/** What the monitor remembers about one job, kept in the store under `alerts:job:<name>`. @internal */
export interface JobAlertState {
  v: 1;
  incidents: Partial<Record<IncidentName, IncidentState>>;
  /** Last notification per incident name, kept after it closes, so a flapping job does not alert each time. */
  lastSentAtMs: Partial<Record<IncidentName, number>>;
  /** Slots skipped in a row (overlap, dependencies). */
  consecutiveSkips: number;
}

/** A fresh state. @internal */
function emptyJobAlertState(): JobAlertState {
  return { v: 1, incidents: {}, lastSentAtMs: {}, consecutiveSkips: 0 };
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

function normalise(stored: JobAlertState): JobAlertState {
  return {
    v: 1,
    incidents: stored.incidents ?? {},
    lastSentAtMs: stored.lastSentAtMs ?? {},
    consecutiveSkips: stored.consecutiveSkips ?? 0,
  };
}
