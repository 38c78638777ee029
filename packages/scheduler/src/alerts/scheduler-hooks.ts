import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { JobDefinition } from '../job/types.js';
import type { CircuitDecision, CircuitOptions, CircuitTransition } from '../policy/circuit-breaker.js';
import { CircuitBreakers } from '../policy/circuit-breakers.js';
import type { CircuitState, RunRecord, Store } from '../store/types.js';
import { type AlertMonitor, createAlertMonitor } from './monitor.js';
import { resolveAlertOptions } from './options.js';
import type { OutageSpan } from './outage-rule.js';
import type { ScheduleSlots } from './stale.js';
import type { AlertOptions, Notifier } from './types.js';

/** What the engine gives the alert and circuit breaker hooks. @internal */
interface SchedulerHooksOptions {
  jobs: readonly JobDefinition[];
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier | undefined;
  alerts: AlertOptions | undefined;
  /** The job's effective schedule. */
  scheduleOf(job: string): ScheduleSlots | undefined;
  /** The scheduler's time (store-corrected), ms. */
  nowMs(): number;
  /** Emits the `circuit:transitioned` event. */
  onCircuitTransition(event: { job: string; transition: CircuitTransition; circuit: CircuitState }): void;
  /** Reports a background failure (`scheduler:operation-failed`). */
  reportError(operation: string, error: unknown): void;
}

/**
 * The engine's single integration point for alerts and circuit breakers:
 * the engine calls these at fixed points and knows nothing else about them.
 * @internal
 */
export interface SchedulerHooks {
  /** Before running a scheduled or catch-up slot: `open` means record it `skipped` (`circuit-open`). */
  gate(job: string): Promise<CircuitDecision>;
  /** Every final run (including skipped, missed, abandoned). Returns at once. */
  runFinished(run: RunRecord): void;
  /** On every wake, after due slots were handled. Returns at once. */
  wake(nowMs: number): void;
  /** At `start()`, before catch-up: the span in which no instance was running, if there was one. */
  outage(span: OutageSpan | undefined): void;
  /** After `start()` recorded catch-up and emitted `scheduler:started`. */
  started(): void;
  /** At the end of `stop()`: delivers what is queued (bounded), then stops. */
  stopped(): Promise<void>;
}

/** Builds the hooks; without a notifier only circuit breakers are active. @internal */
export function createSchedulerHooks(options: SchedulerHooksOptions): SchedulerHooks {
  // Options are validated even without a notifier, so a typo fails at createScheduler.
  if (!options.notifier) for (const job of options.jobs) resolveAlertOptions(options.alerts, job.alerts, job.name);
  const monitor = options.notifier ? buildMonitor(options, options.notifier) : undefined;
  const circuits = new CircuitBreakers({
    store: options.store,
    jobs: circuitJobs(options.jobs),
    onTransition: (job, transition, circuit, circuitOptions) => {
      options.onCircuitTransition({ job, transition, circuit });
      monitor?.onCircuitTransition(job, transition, circuit, circuitOptions.cooldownMs);
    },
    onError: (operation, error) => options.reportError(operation, error),
  });
  return {
    gate: (job) => circuits.gate(job, options.nowMs()),
    runFinished(run) {
      void circuits.record(run, options.nowMs());
      monitor?.onRunFinished(run);
    },
    wake(nowMs) {
      void monitor?.check(nowMs);
    },
    outage(span) {
      monitor?.onOutage(span);
    },
    started() {
      void monitor?.start();
    },
    stopped: () => monitor?.stop() ?? Promise.resolve(),
  };
}

function buildMonitor(options: SchedulerHooksOptions, notifier: Notifier): AlertMonitor {
  const perJob = new Map<string, Partial<AlertOptions>>();
  for (const job of options.jobs) if (job.alerts) perJob.set(job.name, job.alerts);
  return createAlertMonitor({
    store: options.store,
    clock: options.clock,
    notifier,
    logger: options.logger,
    defaults: options.alerts ?? {},
    perJob,
    scheduleOf: options.scheduleOf,
    nowMs: options.nowMs,
  });
}

function circuitJobs(jobs: readonly JobDefinition[]): Map<string, CircuitOptions> {
  const out = new Map<string, CircuitOptions>();
  for (const job of jobs) if (job.circuitBreaker) out.set(job.name, job.circuitBreaker);
  return out;
}
