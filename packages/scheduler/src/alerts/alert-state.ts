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
export function emptyJobAlertState(): JobAlertState {
  return { v: 1, incidents: {}, lastSentAtMs: {}, consecutiveSkips: 0 };
}

/** The store key of a job's alert state. @internal */
export function alertStateKey(job: string): string {
  return `alerts:job:${job}`;
}

/**
 * Reads and writes job alert states through the store, caching them: the
 * store is read once per job per process, written after each change.
 * @internal
 */
export class AlertStateCache {
  readonly #store: Store;
  readonly #cache = new Map<string, JobAlertState>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The job's state (loaded from the store on first use). */
  async get(job: string): Promise<JobAlertState> {
    const cached = this.#cache.get(job);
    if (cached) return cached;
    const stored = await this.#store.getState<JobAlertState>(alertStateKey(job));
    const state = stored && stored.v === 1 ? normalise(stored) : emptyJobAlertState();
    this.#cache.set(job, state);
    return state;
  }

  /** Jobs whose state is loaded. */
  loaded(): IterableIterator<[string, JobAlertState]> {
    return this.#cache.entries();
  }

  /** Persists the job's (mutated) state. */
  async save(job: string, state: JobAlertState): Promise<void> {
    this.#cache.set(job, state);
    await this.#store.setState(alertStateKey(job), state);
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
