import type { Clock, TimerHandle } from '../core/clock.js';
import { type Logger, silentLogger } from '../core/logger.js';
import type { CircuitTransition } from '../policy/circuit-breaker.js';
import type { CircuitState, RunRecord, Store } from '../store/types.js';
import { AlertStateCache } from './alert-state.js';
import { raiseCircuitOpen } from './circuit-rule.js';
import { AlertDispatcher } from './dispatcher.js';
import { HeartbeatWatch } from './heartbeat-rule.js';
import { MISSED_COALESCE_MS, MissedWatch } from './missed-rule.js';
import type { DeliveryTarget, MonitorContext } from './monitor-context.js';
import { resolveAlertOptions } from './options.js';
import { type OutageSpan, OutageWatch } from './outage-rule.js';
import { hasUndelivered, recordDelivery, redeliver } from './outbox.js';
import { recordCleanStop, takeRestartWindow } from './restart-window.js';
import { applyRunRules } from './run-rules.js';
import { notifierChannels } from './severity.js';
import type { ScheduleSlots } from './stale.js';
import { StaleWatch } from './stale-rule.js';
import type { Alert, AlertOptions, Notifier, ResolvedAlertOptions } from './types.js';

/** Longest wait of the monitor's own timer (also the heartbeat scan period). */
const MAX_CHECK_INTERVAL_MS = 60_000;

/** Options of {@link createAlertMonitor}. */
export interface AlertMonitorOptions {
  /** Where runs are read and the alert state is kept (`getState`/`setState`). */
  store: Store;
  /** The scheduler's clock. */
  clock: Clock;
  /** Where alerts go. */
  notifier: Notifier;
  /** Logs delivery failures and suppressed alerts. @default silentLogger */
  logger?: Logger;
  /** Scheduler-wide alert options. @default the documented defaults of {@link AlertOptions} */
  defaults?: AlertOptions;
  /** Per-job overrides (from `defineJob({ alerts })`), by job name. */
  perJob?: ReadonlyMap<string, Partial<AlertOptions>>;
  /** The effective schedule of a job (for the staleness rule), or `undefined` for an unknown job. */
  scheduleOf(job: string): ScheduleSlots | undefined;
  /** The scheduler's time, ms (the clock corrected by the store's offset). @default clock.now */
  nowMs?: () => number;
}

/**
 * The alert policy of a scheduler: turns run outcomes and periodic checks
 * into alerts, with dedupe, cooldown and rate limiting, and delivers them in
 * the background. `createScheduler({ notifier })` builds and wires one; use
 * it directly only to watch a store without a scheduler.
 */
export interface AlertMonitor {
  /** Feeds a run that reached a final status (including `skipped` and `missed`). Returns at once; never throws. */
  onRunFinished(run: RunRecord): void;
  /**
   * The span without any running instance the scheduler found at start (before catch-up records
   * its missed slots): they then raise one outage alert, not one per job.
   */
  onOutage(span: OutageSpan | undefined): void;
  /** Feeds a circuit breaker transition of `job` (`cooldownMs`: how long it stays open). Returns at once. */
  onCircuitTransition(job: string, transition: CircuitTransition, circuit: CircuitState, cooldownMs?: number): void;
  /** Evaluates the time-based rules (staleness, stale heartbeats, missed slots) at `nowMs`. Never rejects. */
  check(nowMs?: number): Promise<void>;
  /** Loads what the time-based rules need and arms the monitor's own (unref'd) timer. Idempotent. */
  start(): Promise<void>;
  /** Disarms the timer, then waits up to `graceMs` for queued alerts to be delivered, then drops the rest. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when every fed event has been evaluated and every queued alert handed to the notifier. */
  flush(signal?: AbortSignal): Promise<void>;
}

/**
 * Creates an {@link AlertMonitor}.
 *
 * @throws InvalidOptionError when a scheduler-wide option is invalid; InvalidJobError when a per-job override is
 */
export function createAlertMonitor(options: AlertMonitorOptions): AlertMonitor {
  return new Monitor(options);
}

class Monitor implements AlertMonitor {
  readonly #o: AlertMonitorOptions;
  readonly #ctx: MonitorContext;
  readonly #resolved = new Map<string, ResolvedAlertOptions>();
  readonly #global: ResolvedAlertOptions;
  readonly #stale: StaleWatch;
  readonly #heartbeats = new HeartbeatWatch();
  readonly #missed: MissedWatch;
  readonly #outage: OutageWatch;
  #serial: Promise<void> = Promise.resolve();
  #timer: TimerHandle | undefined;
  #started = false;
  #stopped = false;
  #nextHeartbeatScanMs = 0;

  constructor(options: AlertMonitorOptions) {
    this.#o = options;
    this.#global = resolveAlertOptions(options.defaults);
    for (const [job, override] of options.perJob ?? []) {
      this.#resolved.set(job, resolveAlertOptions(options.defaults, override, job));
    }
    const logger = options.logger ?? silentLogger;
    const dispatcher = new AlertDispatcher({
      notifier: options.notifier,
      clock: options.clock,
      logger,
      rateLimitPerMinute: this.#global.rateLimitPerMinute,
    });
    this.#ctx = {
      store: options.store,
      logger,
      states: new AlertStateCache(options.store),
      dispatcher,
      channels: notifierChannels(options.notifier),
      options: (job) => this.#resolved.get(job) ?? this.#global,
      send: (job, target, alert, sinceMs) => this.#send(job, target, alert, sinceMs),
    };
    this.#outage = new OutageWatch(this.#ctx);
    this.#stale = new StaleWatch(this.#ctx, options.scheduleOf, () => this.#outage.active);
    this.#missed = new MissedWatch(this.#ctx);
  }

  onOutage(span: OutageSpan | undefined): void {
    this.#outage.span = span;
  }

  onRunFinished(run: RunRecord): void {
    if (this.#stopped || !this.#ctx.options(run.job).enabled) return;
    if (run.status === 'missed') {
      this.#noteMissed(run);
      return;
    }
    if (run.status === 'succeeded') this.#outage.succeeded();
    this.#enqueue('evaluate run', async () => {
      const nowMs = this.#now();
      const state = await this.#ctx.states.get(run.job);
      await applyRunRules(this.#ctx, state, run, nowMs);
      if (run.status === 'succeeded') this.#stale.succeeded(run.job, run.scheduledFor.getTime());
      else await this.#stale.evaluate(run.job, state, nowMs);
      await this.#ctx.states.save(run.job, state);
      if (run.status === 'succeeded') await this.#outage.check(nowMs);
    });
  }

  onCircuitTransition(job: string, transition: CircuitTransition, circuit: CircuitState, cooldownMs?: number): void {
    const options = this.#ctx.options(job);
    if (this.#stopped || !options.enabled || !options.onCircuit || transition === 'closed') return;
    this.#enqueue('evaluate circuit', async () => {
      const nowMs = this.#now();
      const state = await this.#ctx.states.get(job);
      raiseCircuitOpen(this.#ctx, job, state, { transition, circuit, cooldownMs }, nowMs);
      await this.#ctx.states.save(job, state);
    });
  }

  check(nowMs?: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return this.#enqueue('check', () => this.#check(nowMs ?? this.#now()));
  }

  async start(): Promise<void> {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    await this.#enqueue('start', async () => {
      const nowMs = this.#now();
      this.#missed.restartWindow = await takeRestartWindow(this.#o.store, nowMs);
      await this.#stale.load(nowMs);
      // Open incidents of every job: what a previous process could not deliver is sent now.
      for (const job of await this.#o.store.listJobs()) await this.#ctx.states.get(job.name);
    });
    await this.check();
  }

  async stop(graceMs = 5_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    await this.#serial;
    const grace = new AbortController();
    const timer = this.#o.clock.setTimeout(() => grace.abort(), graceMs);
    timer.unref?.();
    await this.#ctx.dispatcher.flush(grace.signal);
    this.#o.clock.clearTimeout(timer);
    this.#ctx.dispatcher.close();
    await this.#serial; // the outcomes of what was delivered are recorded
    // Only a scheduler that ran its timer has slots to miss: a read command or a one-shot trigger records nothing.
    if (!this.#started) return;
    await recordCleanStop(this.#o.store, this.#now()).catch((error: unknown) => {
      this.#ctx.logger.warn('Could not record the clean stop: slots missed until the restart will alert', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }

  async flush(signal?: AbortSignal): Promise<void> {
    await this.#serial;
    await this.#ctx.dispatcher.flush(signal);
  }

  #now(): number {
    return this.#o.nowMs?.() ?? this.#o.clock.now();
  }

  #noteMissed(run: RunRecord): void {
    // Catch-up records a burst of missed slots: summarise it in one alert a moment later
    // (one for all jobs when no instance was running).
    const nowMs = this.#now();
    const arm = this.#outage.take(run, nowMs) || this.#missed.note(run, nowMs);
    if (arm && !this.#stopped) this.#arm(MISSED_COALESCE_MS);
  }

  #send(job: string, target: DeliveryTarget, alert: Alert, sendingSinceMs: number): void {
    this.#ctx.dispatcher.send(alert, (outcome) => {
      void this.#enqueue('record delivery', async () => {
        const state = await this.#ctx.states.get(job);
        recordDelivery(state, target, sendingSinceMs, outcome);
        await this.#ctx.states.save(job, state);
      });
    });
  }

  /** Sends again, for every job this monitor knows, what was not delivered. */
  async #redeliver(nowMs: number): Promise<void> {
    const due = [...this.#ctx.states.loaded()].filter(([job, state]) => hasUndelivered(this.#ctx, job, state, nowMs));
    for (const [job] of due) {
      const state = await this.#ctx.states.get(job); // afresh: another instance may have sent it
      redeliver(this.#ctx, job, state, nowMs);
      await this.#ctx.states.save(job, state);
    }
  }

  async #check(nowMs: number): Promise<void> {
    await this.#missed.flush(nowMs);
    await this.#outage.check(nowMs);
    await this.#stale.checkDue(nowMs);
    if (nowMs >= this.#nextHeartbeatScanMs) {
      this.#nextHeartbeatScanMs = nowMs + MAX_CHECK_INTERVAL_MS;
      await this.#heartbeats.check(this.#ctx, nowMs);
    }
    await this.#redeliver(nowMs);
    if (this.#started || this.#missed.waiting || this.#outage.waiting) this.#arm(this.#nextDueMs() - nowMs);
  }

  #nextDueMs(): number {
    const stale = this.#stale.nextDueMs() ?? Number.POSITIVE_INFINITY;
    return Math.min(stale, this.#nextHeartbeatScanMs, this.#missed.nextDueMs(), this.#outage.nextDueMs());
  }

  #arm(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    const wait = Math.min(Math.max(0, delayMs), MAX_CHECK_INTERVAL_MS);
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.check();
    }, wait);
    this.#timer.unref?.();
  }

  #enqueue(operation: string, work: () => Promise<void>): Promise<void> {
    const next = this.#serial.then(work).catch((error: unknown) => {
      this.#ctx.logger.error('Alert evaluation failed', {
        operation,
        error: error instanceof Error ? error.message : String(error),
      });
    });
    this.#serial = next;
    return next;
  }
}
