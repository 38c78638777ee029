import type { SerializedError } from '../core/serialized-error.js';
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
  'run:started': RunEventBase & { attempt: number; latenessMs: number };
  /**
   * The job called `ctx.heartbeat(progress)` with a progress value (emitted at once, before the
   * store write, so a display can follow a job whose work never yields): `progress` as the job
   * passed it, `at` the scheduler's time of the call. Not emitted for a bare `ctx.heartbeat()`.
   */
  'run:progress-reported': RunEventBase & { attempt: number; progress: unknown; at: Date };
  /** An attempt failed and will be retried after `delayMs`. */
  'run:retry-scheduled': RunEventBase & { attempt: number; delayMs: number; error: SerializedError };
  /** The run succeeded. */
  'run:succeeded': RunEventBase & { run: RunRecord; durationMs: number };
  /** The run failed, timed out or was cancelled (final). */
  'run:failed': RunEventBase & { run: RunRecord; error: SerializedError };
  /** A slot was recorded `skipped` (overlap, dependency, circuit-open, paused). */
  'run:skipped': RunEventBase & { run: RunRecord; reason: string };
  /** A slot was recorded `missed` (catch-up policy or window). */
  'run:missed': RunEventBase & { run: RunRecord };
  /** A run whose owner stopped heartbeating was marked `abandoned` by this instance. */
  'run:abandoned': { run: RunRecord };
  /** Any run reached a final status (fires after `run:succeeded`, `run:failed`, `run:skipped`, `run:missed`). */
  'run:finished': { run: RunRecord };
  /** The timer woke later than planned (event loop blocked, process suspended). */
  'schedule:wake-delayed': { expectedAt: Date; wokeAt: Date; lateByMs: number };
  /** The clock moved backwards or jumped forwards between two wakes. */
  'schedule:clock-jumped': { fromMs: number; toMs: number; deltaMs: number };
  /** The local clock differs from the store's by more than 5 s. */
  'clock:skew-detected': { offsetMs: number };
  /** A job's circuit breaker opened, re-opened (its probe failed) or closed; `circuit` is the stored state. */
  'circuit:transitioned': { job: string; transition: CircuitTransition; circuit: CircuitState };
  /** A background loop (store poll, heartbeat, reaper) failed; it retries after `retryInMs`. */
  'scheduler:operation-failed': { error: SerializedError; operation: string; retryInMs: number };
}

/**
 * Every event name of {@link SchedulerEventMap}, at run time: for a logger or
 * metrics bridge that subscribes to all of them. Names are namespaced and in
 * the past tense (`run:started`, `run:succeeded`...).
 *
 * @example
 * ```ts
 * for (const name of SCHEDULER_EVENTS) scheduler.on(name, (payload) => log.debug(name, { payload }));
 * ```
 */
export const SCHEDULER_EVENTS = Object.freeze([
  'scheduler:started',
  'scheduler:stopped',
  'run:queued',
  'run:started',
  'run:progress-reported',
  'run:retry-scheduled',
  'run:succeeded',
  'run:failed',
  'run:skipped',
  'run:missed',
  'run:abandoned',
  'run:finished',
  'schedule:wake-delayed',
  'schedule:clock-jumped',
  'clock:skew-detected',
  'circuit:transitioned',
  'scheduler:operation-failed',
] as const) satisfies readonly (keyof SchedulerEventMap)[];

/** A typed listener. */
export type SchedulerListener<K extends keyof SchedulerEventMap> = (event: SchedulerEventMap[K]) => void;
