import type { RunStatus } from './run-types.js';
import type { Store } from './types.js';

/** Per-job statistics over a window. */
export interface JobStats {
  /** Job name. */
  job: string;
  /** Count of runs by final status in the window (`running` included). */
  byStatus: Partial<Record<RunStatus, number>>;
  /** Runs that reached a final status other than skipped/missed. */
  total: number;
  /** succeeded / (succeeded + failed + timed_out), or `undefined` with no such run. */
  successRate: number | undefined;
  /** Failed or timed-out runs since the last success (over all history, not only the window). */
  consecutiveFailures: number;
  /** Runs recorded `missed` in the window. */
  missed: number;
  /** Runs recorded `skipped` in the window. */
  skipped: number;
  /** Duration percentiles (nearest rank) of finished runs, ms; `undefined` without such runs. */
  durationMs: {
    /** Median. */
    p50: number | undefined;
    /** 95th percentile. */
    p95: number | undefined;
    /** 99th percentile. */
    p99: number | undefined;
  };
  /** When the job last succeeded (over all history). */
  lastSuccessAt: Date | undefined;
}

/** The circuit breaker's state for one job. */
export interface CircuitState {
  /** `closed` (runs go ahead), `open` (slots skipped), `half-open` (one probe run decides). */
  state: 'closed' | 'open' | 'half-open';
  /** When it last opened. */
  openedAt?: Date;
  /** Consecutive failures counted toward opening. */
  consecutiveFailures: number;
}

/** What the code says a job is: the part of a definition reconciled into the store. */
export interface JobSpec {
  /** Unique job name. */
  name: string;
  /** Cron expression from the code. */
  schedule: string;
  /** IANA timezone of the schedule. */
  timezone: string;
  /** Human description. */
  description?: string;
  /** Names of the jobs this one depends on (stores return an array, empty when none). */
  dependsOn?: readonly string[];
}

/** A job's row in the store: its spec plus operator state. */
export interface JobState extends JobSpec {
  /** Operator override of the schedule (cron), applied by every instance without a restart. */
  scheduleOverride?: string;
  /** Paused by an operator: slots are recorded `skipped` (reason `paused`). */
  paused: boolean;
  /** Why it was paused. */
  pauseNote?: string;
  /** The circuit breaker's state. */
  circuit: CircuitState;
  /** When the job was first reconciled into the store (store clock). */
  createdAt: Date;
  /** Last change of spec or operator state (store clock). */
  updatedAt: Date;
}

/** What reconciling job specs into the store did (or would do). */
export interface JobPlan {
  /** Jobs new to the store. */
  added: string[];
  /** Jobs whose spec changed, with the fields that differ (`schedule`, `timezone`, `description`, `dependsOn`). */
  changed: {
    /** Job name. */
    name: string;
    /** The spec fields that differ. */
    fields: string[];
  }[];
  /** Jobs in the store but no longer in the code (their rows are deleted only with `removeMissing`; history is kept). */
  removed: string[];
  /** Jobs whose spec is the same. */
  unchanged: string[];
}

/** Operator changes to a job's state. `null` clears a field. */
export interface JobStatePatch {
  /** Pause or resume. */
  paused?: boolean;
  /** The pause note; `null` clears it. */
  pauseNote?: string | null;
  /** A cron expression replacing the code's schedule; `null` clears it. */
  scheduleOverride?: string | null;
  /** The new circuit state (replaces the stored one). */
  circuit?: CircuitState;
}

/** Options of {@link Store.listJobs}. */
export interface ListJobsOptions {
  /**
   * Only rows whose `updatedAt` is at or after this instant (store time). The
   * scheduler polls with it (every `pollIntervalMs`, unless the store reports every
   * change through {@link Store.watch}), so an idle instance reads only what changed.
   */
  updatedSince?: Date;
}
