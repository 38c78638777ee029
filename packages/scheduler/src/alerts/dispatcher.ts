import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { RateLimiter } from './rate-limiter.js';
import type { Alert, Notifier } from './types.js';

/**
 * What became of one alert: `delivered` (the notifier resolved), `failed`
 * (it rejected, or gave no answer within the delivery timeout, or the
 * dispatcher closed first) or `suppressed` (held back by the rate limit and
 * counted in the summary).
 * @internal
 */
export type DeliveryOutcome = 'delivered' | 'failed' | 'suppressed';

/** Called once with the outcome of an alert. @internal */
export type DeliveryCallback = (outcome: DeliveryOutcome) => void;

/** Options of {@link AlertDispatcher}. @internal */
interface DispatcherOptions {
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  rateLimitPerMinute: number;
  /** Give up waiting for one `notify` call after this long and move on. @default 300000 */
  deliveryTimeoutMs?: number;
  /** Oldest queued alerts are dropped (and logged) past this length. @default 1000 */
  maxQueued?: number;
}

/**
 * Delivers alerts in the background, one at a time, in order, so a slow or
 * hanging notifier never blocks the caller (the scheduler). Applies the
 * global rate limit: alerts over it are counted and summarised in one
 * "N more alerts suppressed" alert once the window allows.
 * @internal
 */
export class AlertDispatcher {
  readonly #options: Required<DispatcherOptions>;
  readonly #limiter: RateLimiter;
  readonly #queue: { alert: Alert; settled?: DeliveryCallback | undefined }[] = [];
  readonly #abort = new AbortController();
  readonly #idle: (() => void)[] = [];
  #delivering = false;
  #suppressed: { count: number; jobs: Set<string> } = { count: 0, jobs: new Set() };
  #summaryTimer: TimerHandle | undefined;
  #closed = false;

  constructor(options: DispatcherOptions) {
    this.#options = { deliveryTimeoutMs: 300_000, maxQueued: 1_000, ...options };
    this.#limiter = new RateLimiter(options.rateLimitPerMinute);
  }

  /**
   * Queues `alert` unless the rate limit holds it back; `settled` learns the
   * outcome (never while the dispatcher is closing). Never throws, never waits.
   */
  send(alert: Alert, settled?: DeliveryCallback): void {
    if (this.#closed) return;
    const nowMs = this.#options.clock.now();
    if (!this.#limiter.tryTake(nowMs)) {
      this.#suppress(alert, nowMs);
      settled?.('suppressed');
      return;
    }
    this.#enqueue({ alert, settled });
  }

  /** Resolves when every queued alert has been handed to the notifier (or `signal` aborts). */
  flush(signal?: AbortSignal): Promise<void> {
    if (!this.#delivering && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.#idle.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Aborts the delivery in progress and drops what is queued. */
  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
    if (this.#summaryTimer) this.#options.clock.clearTimeout(this.#summaryTimer);
    this.#abort.abort(new Error('Alert delivery stopped: the scheduler is stopping.'));
    this.#settleIdle();
  }

  #suppress(alert: Alert, nowMs: number): void {
    this.#suppressed.count++;
    if (alert.job) this.#suppressed.jobs.add(alert.job);
    this.#options.logger.warn('Alert suppressed by the rate limit', {
      alert: alert.kind,
      key: alert.key,
      rateLimitPerMinute: this.#options.rateLimitPerMinute,
    });
    if (this.#summaryTimer) return;
    const delayMs = Math.max(1, this.#limiter.nextFreeAtMs(nowMs) - nowMs);
    this.#summaryTimer = this.#options.clock.setTimeout(() => this.#sendSummary(), delayMs);
    this.#summaryTimer.unref?.();
  }

  #sendSummary(): void {
    this.#summaryTimer = undefined;
    const { count, jobs } = this.#suppressed;
    this.#suppressed = { count: 0, jobs: new Set() };
    if (count === 0 || this.#closed) return;
    const nowMs = this.#options.clock.now();
    this.#limiter.record(nowMs);
    const names = [...jobs].sort();
    this.#enqueue({
      alert: {
        key: 'scheduler:suppressed',
        kind: 'suppressed-summary',
        severity: 'warning',
        title: `${count} more alert${count === 1 ? ' was' : 's were'} suppressed by the rate limit`,
        text: `More than ${this.#options.rateLimitPerMinute} alerts per minute. Check the scheduler's status and logs.`,
        fields: names.length > 0 ? { jobs: names.slice(0, 20).join(', ') + (names.length > 20 ? ', …' : '') } : {},
        createdAtMs: nowMs,
      },
    });
  }

  #enqueue(item: { alert: Alert; settled?: DeliveryCallback | undefined }): void {
    this.#queue.push(item);
    while (this.#queue.length > this.#options.maxQueued) {
      const dropped = this.#queue.shift();
      this.#options.logger.error('Alert dropped: the delivery queue is full', { key: dropped?.alert.key });
      dropped?.settled?.('failed');
    }
    if (!this.#delivering) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#delivering = true;
    try {
      for (let item = this.#queue.shift(); item; item = this.#queue.shift()) {
        const outcome = await this.#deliver(item.alert);
        if (!this.#closed) item.settled?.(outcome);
      }
    } finally {
      this.#delivering = false;
      this.#settleIdle();
    }
  }

  async #deliver(alert: Alert): Promise<'delivered' | 'failed'> {
    const { notifier, clock, logger, deliveryTimeoutMs } = this.#options;
    let timer: TimerHandle | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = clock.setTimeout(() => resolve('timeout'), deliveryTimeoutMs);
      timer.unref?.();
    });
    try {
      const delivery = notifier.notify(alert, this.#abort.signal).then(() => 'ok' as const);
      const outcome = await Promise.race([delivery, deadline]);
      if (outcome === 'ok') return 'delivered';
      logger.error('Alert delivery still pending; moving on (it will be sent again)', {
        key: alert.key,
        notifier: notifier.name,
        deliveryTimeoutMs,
      });
      return 'failed';
    } catch (error) {
      if (this.#closed) return 'failed';
      logger.error('Alert delivery failed; it will be sent again at the next evaluation', {
        key: alert.key,
        alert: alert.kind,
        notifier: notifier.name,
        error: error instanceof Error ? error.message : String(error),
      });
      return 'failed';
    } finally {
      if (timer) clock.clearTimeout(timer);
    }
  }

  #settleIdle(): void {
    if (this.#delivering || (this.#queue.length > 0 && !this.#closed)) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}
