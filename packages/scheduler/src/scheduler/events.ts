import type { SerializedError } from '../errors.js';
import type { CircuitTransition } from '../policy/circuit-breaker.js';
import type { CircuitState, JobPlan, RunRecord, RunTrigger } from '../store/types.js';

/** Fields common to events about one run. */
export interface RunEventBase {
  job: string;
  runId: string;
  scheduledFor: Date;
  trigger: RunTrigger;
}

/**
 * Every event the scheduler emits, by name. Listeners get the payload; a
 * throwing listener is logged and never affects the scheduler.
 */
export interface SchedulerEventMap {
  /** `start()` finished; `plan` is what reconciling job definitions did. */
  'scheduler:started': { instanceId: string; plan: JobPlan };
  /** `stop()` finished; `cancelled` runs were still running after the grace period. */
  'scheduler:stopped': { instanceId: string; cancelled: number };
  /** A run was claimed and waits for a concurrency slot. */
  'run:queued': RunEventBase;
  /** An attempt started. */
  'run:start': RunEventBase & { attempt: number; lateness: number };
  /**
   * The job called `ctx.heartbeat(progress)` with a progress value (emitted at once, before the
   * store write, so a display can follow a job whose work never yields): `progress` as the job
   * passed it, `at` the scheduler's time of the call. Not emitted for a bare `ctx.heartbeat()`.
   */
  'run:progress': RunEventBase & { attempt: number; progress: unknown; at: Date };
  /** An attempt failed and will be retried after `delayMs`. */
  'run:retry': RunEventBase & { attempt: number; delayMs: number; error: SerializedError };
  /** The run succeeded. */
  'run:success': RunEventBase & { run: RunRecord; durationMs: number };
  /** The run failed, timed out or was cancelled (final). */
  'run:failed': RunEventBase & { run: RunRecord; error: SerializedError };
  /** A slot was recorded `skipped` (overlap, dependency, circuit-open, paused). */
  'run:skipped': RunEventBase & { run: RunRecord; reason: string };
  /** A slot was recorded `missed` (catch-up policy or window). */
  'run:missed': RunEventBase & { run: RunRecord };
  /** A run whose owner stopped heartbeating was marked `abandoned` by this instance. */
  'run:abandoned': { run: RunRecord };
  /** Any run reached a final status (fires after success/failed/skipped/missed). */
  'run:finished': { run: RunRecord };
  /** The timer woke later than planned (event loop blocked, process suspended). */
  'schedule:overdue': { expectedAt: Date; wokeAt: Date; lateByMs: number };
  /** The clock moved backwards or jumped forwards between two wakes. */
  'schedule:clock-jump': { fromMs: number; toMs: number; deltaMs: number };
  /** The local clock differs from the store's by more than 5 s. */
  'clock:skew': { offsetMs: number };
  /** A job's circuit breaker opened, re-opened (its probe failed) or closed; `circuit` is the stored state. */
  'circuit:transition': { job: string; transition: CircuitTransition; circuit: CircuitState };
  /** A background loop (store poll, heartbeat, reaper) failed; it retries after `retryInMs`. */
  'scheduler:error': { error: SerializedError; operation: string; retryInMs: number };
}
