import type { Logger } from '../core/logger.js';
import type { RetryOptions } from '../primitives/retry-options.js';
import type { RetryPolicy } from '../primitives/retry-policy.js';
import type { DstOptions } from '../schedule/dst-options.js';
import type { RunRecord, RunTrigger } from '../store/types.js';
import type { AlertOptions } from './alert-options.js';

export type { DstOptions, RetryOptions };

/** What happens when a slot is due while the previous run of the same job (on any instance) is still running. */
export type OverlapPolicy = 'skip' | 'buffer-one' | 'buffer-all' | 'cancel-other' | 'allow-all';

/** What happens to slots missed while no instance was running (or the process slept). */
export type CatchUpPolicy = 'skip' | 'latest' | 'earliest' | 'all';

/** Catch-up options of a job. */
export interface CatchUpOptions {
  /** @default 'skip' */
  policy?: CatchUpPolicy;
  /** Slots older than this many ms are recorded `missed`, never run. @default 86400000 (24 h) */
  windowMs?: number;
  /** With `all`: at most this many slots run (the newest); the rest are `missed`. @default 10 */
  max?: number;
  /** With `all`: pause between catch-up runs, ms. @default 0 */
  spacingMs?: number;
}

/** Circuit breaker options of a job. */
export interface CircuitBreakerOptions {
  /** Consecutive failed runs that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one probe run, ms. @default 3600000 (1 h) */
  cooldownMs?: number;
}

/** Dependency freshness: how recent an upstream success must be. */
export interface DependencyOptions {
  /** Upstream success must be within this many ms before the slot. @default since the dependent's previous slot */
  withinMs?: number;
}

/** What a job sees of the world while it runs. */
export interface JobContext {
  /** Aborted on timeout ({@link JobTimeoutError}), shutdown or replacement ({@link JobCancelledError}). Pass it to every cancellable call. */
  readonly signal: AbortSignal;
  /** This run's id. */
  readonly runId: string;
  /** Job name. */
  readonly job: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The slot this run is for (not "now"). */
  readonly scheduledFor: Date;
  /** Milliseconds between the slot and the start of this attempt. */
  readonly latenessMs: number;
  /** What started the run. */
  readonly trigger: RunTrigger;
  /** The scheduler's clock, in ms since the epoch. */
  now(): number;
  /** Logger with `job` and `runId` fields. */
  readonly logger: Logger;
  /** Extends the run's lease and records `progress` (JSON) for status and history. */
  heartbeat(progress?: unknown): Promise<void>;
  /**
   * The latest successful run of each job in `dependsOn`, by name. Given the upstream's
   * definition, `get` returns its record typed with the upstream's result.
   */
  readonly dependencies: JobDependencies;
}

/**
 * The latest successful upstream runs a job sees (`ctx.dependencies`): a map by
 * job name whose `get` also takes the upstream's definition and then keeps its
 * result type.
 *
 * @remarks The result is the value as stored (JSON): a `Date` the upstream
 * returned reads back as a string from a SQLite or PostgreSQL store.
 *
 * @example
 * ```ts
 * run: (ctx) => {
 *   const sets = ctx.dependencies.get(syncSets); // RunRecord<{ inserted: number }> | undefined
 *   return { after: sets?.result?.inserted };
 * }
 * ```
 */
export interface JobDependencies extends ReadonlyMap<string, RunRecord> {
  /** The upstream's latest successful run, its `result` typed as the job's. */
  get<TResult>(job: JobDefinition<TResult>): RunRecord<TResult> | undefined;
  /** The upstream's latest successful run, by name. */
  get(job: string): RunRecord | undefined;
}

/** The function a job runs. Its resolved value is stored (as JSON) with the run. */
export type JobHandler<TResult = unknown> = (ctx: JobContext) => Promise<TResult> | TResult;

/** Where an isolated job runs: a worker thread, or a child process (its own process group). */
export type IsolationMode = 'thread' | 'process';

/**
 * Runs a job's body outside the scheduler's thread, so its time limit is hard:
 * at the timeout (or on shutdown) its `ctx.signal` is aborted inside the worker,
 * and if it is still running `killGraceMs` later, the thread is terminated or the
 * process group killed (children the job started included). Crashes, `process.exit`
 * and running out of memory fail the attempt, never the scheduler.
 *
 * @remarks The body lives in its own module, loaded in the worker: it exports an
 * {@link IsolatedJobHandler} (`(ctx, data) => result`). `ctx` crosses over as in a
 * normal run (signal, heartbeat, logger, attempt, slot, dependencies); `data`, the
 * result and errors cross as structured clones (JSON-like values). See the
 * isolation guide for what crosses the boundary and what does not.
 *
 * @example
 * ```ts
 * defineJob({
 *   name: 'rebuild-index',
 *   schedule: '0 4 * * *',
 *   timeoutMs: 10 * 60_000,
 *   isolation: { mode: 'process', module: new URL('./rebuild-index.js', import.meta.url), memoryLimitMb: 512 },
 * });
 * // rebuild-index.js
 * export async function run(ctx, data) { ... }
 * ```
 */
export interface IsolationOptions {
  /** A worker thread (cheaper to start) or a child process (its own memory and process group). */
  mode: IsolationMode;
  /** The module holding the job's body: a `file:` URL (`new URL('./job.js', import.meta.url)`) or an absolute path. */
  module: URL | string;
  /** The module's export to call. @default 'run' */
  exportName?: string;
  /** A value given to the body as its second argument (structured-cloned: plain data, no functions). */
  data?: unknown;
  /** Heap limit of the worker, MB (`resourceLimits.maxOldGenerationSizeMb` for a thread, `--max-old-space-size` for a process). @default Node's default */
  memoryLimitMb?: number;
  /** How long the body has to stop after its signal is aborted (timeout, shutdown, replacement) before it is killed, ms. @default 5000 */
  killGraceMs?: number;
  /**
   * Receives, in the scheduler's thread, what the body sends with `port.post(message)` (its third
   * argument): findings to notify, metrics... A throw here is logged, never fails the run.
   */
  onMessage?: (message: unknown, from: IsolatedRunRef) => void;
}

/** The run an isolated body's message comes from. */
export interface IsolatedRunRef {
  /** Job name. */
  readonly job: string;
  /** Run id. */
  readonly runId: string;
  /** 1-based attempt number. */
  readonly attempt: number;
}

/** An isolated body's line to the scheduler's thread: the third argument of an {@link IsolatedJobHandler}. */
export interface IsolationPort {
  /** Sends `message` (structured-cloned: plain data) to {@link IsolationOptions.onMessage}; dropped when there is none. */
  post(message: unknown): void;
}

/** The function an isolated job's module exports: a {@link JobHandler} that also receives {@link IsolationOptions.data}. */
export type IsolatedJobHandler<TResult = unknown, TData = unknown> = (
  ctx: JobContext,
  data: TData,
  port: IsolationPort,
) => Promise<TResult> | TResult;

/** An isolated job's normalised {@link IsolationOptions}. */
export interface JobIsolation {
  /** Thread or process. */
  readonly mode: IsolationMode;
  /** The module, as a `file:` URL string. */
  readonly module: string;
  /** The export called. */
  readonly exportName: string;
  /** The body's second argument. */
  readonly data: unknown;
  /** Heap limit, MB, or `undefined` for Node's default. */
  readonly memoryLimitMb: number | undefined;
  /** Grace between the abort and the kill, ms. */
  readonly killGraceMs: number;
  /** Receives the body's messages, in the scheduler's thread. */
  readonly onMessage: ((message: unknown, from: IsolatedRunRef) => void) | undefined;
}

/** Options accepted by `defineJob`. */
export interface JobOptions<TResult = unknown> {
  /** Unique kebab-case name (`/^[a-z0-9]+(-[a-z0-9]+)*$/`, at most 100 characters). */
  name: string;
  /** Cron with 5 or 6 fields (leading seconds), or a nickname (`@daily`, `@hourly`...). */
  schedule: string;
  /** IANA timezone of the schedule. @default the scheduler's timezone (default `UTC`) */
  timezone?: string;
  /** Human description, shown by status and the runner. */
  description?: string;
  /** Jobs that must have succeeded recently before this one runs. */
  dependsOn?: readonly string[];
  /** Dependency freshness. */
  dependencies?: DependencyOptions;
  /** Per-attempt time limit, ms. @default 300000 (5 min) */
  timeoutMs?: number;
  /** Retry policy. @default one attempt */
  retry?: RetryOptions;
  /** @default 'skip' */
  overlap?: OverlapPolicy;
  /** @default `{ policy: 'skip' }` */
  catchUp?: CatchUpOptions;
  /** DST handling for fixed-time schedules. */
  dst?: DstOptions;
  /** Random delay added to each scheduled start, at most this many ms (never past the next slot). @default 0 */
  jitterMs?: number;
  /** Circuit breaker; off when absent. */
  circuitBreaker?: CircuitBreakerOptions;
  /** Per-job alert overrides: any field of the scheduler's `alerts` option (e.g. `{ consecutiveFailures: 1 }`). */
  alerts?: Partial<AlertOptions>;
  /** The work. Exactly one of `run` and `isolation` is given. */
  run?: JobHandler<TResult>;
  /** Run the work in a worker thread or a child process instead, loaded from a module (see {@link IsolationOptions}). */
  isolation?: IsolationOptions;
}

/**
 * A validated, normalised job, as returned by `defineJob`: every option has its
 * default filled in and every duration is in milliseconds. Immutable.
 */
export interface JobDefinition<TResult = unknown> {
  /** Unique kebab-case name. */
  readonly name: string;
  /** The cron expression as written in code. */
  readonly schedule: string;
  /** IANA timezone, or `undefined` to use the scheduler's. */
  readonly timezone: string | undefined;
  /** Human description. */
  readonly description: string | undefined;
  /** Upstream job names. */
  readonly dependsOn: readonly string[];
  /** Upstream success must be within this many ms of the slot; `undefined`: since this job's previous slot. */
  readonly dependencyWithinMs: number | undefined;
  /** Per-attempt time limit, ms. */
  readonly timeoutMs: number;
  /** Normalised retry policy. */
  readonly retry: RetryPolicy;
  /** Overlap policy. */
  readonly overlap: OverlapPolicy;
  /** Normalised catch-up policy. */
  readonly catchUp: {
    /** Which missed slots run. */
    readonly policy: CatchUpPolicy;
    /** Missed slots older than this (ms before now) are recorded `missed`, never run. */
    readonly windowMs: number;
    /** With `all`: at most this many slots run (the newest). */
    readonly max: number;
    /** With `all`: pause between catch-up runs, ms. */
    readonly spacingMs: number;
  };
  /** DST handling. */
  readonly dst: {
    /** A slot inside a spring-forward gap runs once at the jump, or is skipped. */
    readonly gap: 'run-at-jump' | 'skip';
    /** A slot inside the repeated autumn hour runs at its first occurrence only, or at both. */
    readonly repeat: 'first' | 'both';
  };
  /** Max random start delay, ms. */
  readonly jitterMs: number;
  /** Circuit breaker, or `undefined` when off. */
  readonly circuitBreaker:
    | {
        /** Consecutive failed runs that open the circuit. */
        readonly failureThreshold: number;
        /** How long it stays open before one probe run, ms. */
        readonly cooldownMs: number;
      }
    | undefined;
  /** Per-job alert overrides, as given. */
  readonly alerts: Readonly<Partial<AlertOptions>> | undefined;
  /** Where the work runs, when isolated; `undefined` runs `run` in the scheduler's thread. */
  readonly isolation: JobIsolation | undefined;
  /** The work (for an isolated job: its module's export, loaded and called in the calling thread). */
  readonly run: JobHandler<TResult>;
}
