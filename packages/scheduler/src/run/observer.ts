import type { JobDefinition } from '../job/types.js';
import type { RunAttempt, RunRecord } from '../store/types.js';

/** The job of an observed run: its definition and where it stands now. */
export interface ObservedJob {
  /** The job's definition (name, timeout, retry policy...). */
  readonly definition: JobDefinition;
  /** The effective cron expression (an operator's override when set). */
  readonly schedule: string;
  /** The IANA timezone the schedule is evaluated in. */
  readonly timezone: string;
}

/** A run this instance has claimed, as an observer sees it when it is held. */
export interface ObservedRun {
  /** The job it belongs to. */
  readonly job: ObservedJob;
  /** The run as claimed (status `running`, no attempt yet). */
  readonly record: RunRecord;
  /** The instance that holds it. */
  readonly instanceId: string;
}

/** One attempt of an observed run, when it starts. */
export interface ObservedAttempt {
  /** 1-based attempt number. */
  readonly attempt: number;
  /** When the attempt started (the scheduler's clock). */
  readonly startedAt: Date;
  /** How long after its slot the attempt started, ms (0 when on time or early). */
  readonly latenessMs: number;
}

/**
 * What a {@link RunObserver} does with one attempt. Its methods are called on the run's path:
 * they must return at once (start any I/O without awaiting it); a throw is logged and ignored.
 */
export interface AttemptObservation {
  /**
   * Runs the job's code for this attempt: `fn` must be called once, synchronously, and its
   * result returned (e.g. inside a tracing context, so the job's own spans nest under the attempt).
   */
  wrap?<T>(fn: () => T): T;
  /** The attempt ended and was recorded (status, error, times). */
  attemptEnded?(attempt: RunAttempt): void;
}

/** What a {@link RunObserver} does with one run it watches, from its claim to its final record. */
export interface RunObservation {
  /** An attempt starts; what it returns follows that attempt. */
  attemptStarted?(attempt: ObservedAttempt): AttemptObservation | undefined;
  /**
   * The run is over on this instance: `record` is its final record (`succeeded`, `failed`,
   * `timed_out`, `cancelled`, or `skipped` by an unmet dependency), or the record as this
   * instance last knew it when it lost the run (a lost lease).
   */
  runEnded?(record: RunRecord): void;
}

/**
 * Watches runs from the inside: tracing (`@pokemon/scheduler/otel`), outside monitors
 * (`@pokemon/scheduler/monitors`) or your own. Given to `createScheduler({ observers })`.
 *
 * @remarks
 * Every method is optional and called synchronously on the run's path: it must return at once
 * and never wait for I/O (a monitor starts its HTTP request and returns). A method that throws
 * is logged at `error` and the run carries on as if the observer were absent.
 *
 * @example
 * ```ts
 * const durations: RunObserver = {
 *   runHeld: ({ job }) => ({
 *     runEnded: (record) => console.log(job.definition.name, record.status, record.durationMs),
 *   }),
 * };
 * const scheduler = createScheduler({ jobs, store, observers: [durations] });
 * ```
 */
export interface RunObserver {
  /** A name for logs. @default 'observer' */
  readonly name?: string;
  /**
   * Called synchronously when `trigger()` or `backfill()` is called, before anything is awaited:
   * what it returns (e.g. the caller's active tracing context) is given as `parent` to
   * {@link RunObserver.runHeld} for the runs of that call. Scheduled runs get `undefined`.
   */
  captureContext?(): unknown;
  /** A run was claimed by this instance (before dependencies, jitter and the concurrency gate). */
  runHeld?(run: ObservedRun, parent: unknown): RunObservation | undefined;
  /**
   * Any run reached a final record written by this instance: runs it held, and slots recorded
   * `skipped` (overlap, paused, circuit open) or `missed` without running.
   */
  runRecorded?(record: RunRecord, job: ObservedJob): void;
}
