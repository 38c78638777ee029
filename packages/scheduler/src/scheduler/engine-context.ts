import type { SchedulerHooks } from '../alerts/scheduler-hooks.js';
import { childLogger } from '../core/logger.js';
import { ConcurrencyGate } from '../run/concurrency-gate.js';
import type { SchedulerEmitter } from '../run/emitter.js';
import { RunObservers } from '../run/observers.js';
import type { ActiveRun, JobEntry, Runtime } from '../run/runtime.js';
import type { RunRecord } from '../store/types.js';
import type { ExternalSources } from './external-sources.js';
import type { Lifecycle } from './lifecycle.js';
import type { RunEndWaiters } from './run-end-waiters.js';
import type { ResolvedOptions } from './validate-options.js';

/**
 * What the parts of the engine share: lifecycle (`engine.ts`), wake loop (`wake-loop.ts`),
 * slot routing (`slot-router.ts`) and store maintenance (`maintenance.ts`, `job-state-sync.ts`).
 *
 * @internal
 */
export interface EngineContext {
  readonly o: ResolvedOptions;
  readonly jobs: ReadonlyMap<string, JobEntry>;
  /** The sources of jobs other systems run (`externalJobs`). */
  readonly external: ExternalSources;
  readonly emitter: SchedulerEmitter;
  readonly lifecycle: Lifecycle;
  /** What a run needs (`run/`). */
  readonly rt: Runtime;
  /** Alerts and circuit breakers (`alerts/scheduler-hooks.ts`). */
  readonly hooks: SchedulerHooks;
  /** Aborted when `stop()` begins. */
  readonly stopSignal: AbortSignal;
  /** The scheduler's time (store time), ms. */
  nowMs(): number;
  /** Keeps a background task until it settles (`stop()` waits for them); a rejection is reported. */
  track(task: Promise<unknown>): void;
  /** Logs a failed background operation and emits `scheduler:operation-failed`. */
  reportError(operation: string, error: unknown, retryInMs: number): void;
}

/** What the engine's parts call on the wake loop (bound late: the loop is built last). @internal */
export interface Wakeup {
  /** Runs a pass of the loop now, or once more after the current one. */
  kick(): void;
  /** Asks the current pass to run once more. */
  again(): void;
  /** Re-arms the timer unless a pass is under way (it re-arms when it ends). */
  rearm(): void;
}

/** What {@link createRuntime} wires together. @internal */
export interface RuntimeParts {
  readonly options: ResolvedOptions;
  readonly instanceId: string;
  readonly emitter: SchedulerEmitter;
  readonly jobs: ReadonlyMap<string, JobEntry>;
  readonly active: Map<string, ActiveRun>;
  readonly endWaiters: RunEndWaiters;
  readonly hooks: SchedulerHooks;
  nowMs(): number;
  isStopping(): boolean;
  onRunFinished(run: RunRecord): void;
  reportError(operation: string, error: unknown, retryInMs: number): void;
}

/** The {@link Runtime} runs see: the scheduler's store, clock, gate and hooks. @internal */
export function createRuntime(parts: RuntimeParts): Runtime {
  const { options: o, endWaiters, hooks } = parts;
  const logger = childLogger(o.logger, { instanceId: parts.instanceId });
  const observers = new RunObservers(o.observers, logger);
  // Every final record reaches the observers: those this instance writes, and the runs it marks abandoned.
  parts.emitter.on('run:abandoned', ({ run }) => observers.recorded(run, parts.jobs));
  return {
    store: o.store,
    clock: o.clock,
    logger,
    emitter: parts.emitter,
    instanceId: parts.instanceId,
    leaseMs: o.leaseMs,
    gate: new ConcurrencyGate(o.maxConcurrency),
    jobs: parts.jobs,
    active: parts.active,
    observers,
    nowMs: parts.nowMs,
    isStopping: parts.isStopping,
    waitForRunEnd: (job, timeoutMs, signal) => endWaiters.wait(job, timeoutMs, signal),
    onRunFinished: (run) => {
      parts.onRunFinished(run);
      observers.recorded(run, parts.jobs);
    },
    circuitGate: (job) => hooks.gate(job),
    runEnded: (job) => endWaiters.notify(job),
    reportError: parts.reportError,
  };
}
