import { adoptClock, type Clock, systemClock } from '../core/clock.js';
import { NotifierError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { integerAtLeast, invalidOption, type OptionSite, positiveNumber } from '../core/validate.js';
import { retry } from '../primitives/retry.js';
import { withTimeout } from '../primitives/with-timeout.js';

/** The part of the WHATWG `fetch` the monitors use (the global `fetch` fits). */
export type MonitorFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/** How a monitor delivers its pings: shared by every outside monitor. */
export interface MonitorDeliveryOptions {
  /** The HTTP client. @default globalThis.fetch */
  fetch?: MonitorFetch;
  /** Time source for timeouts and retry delays. @default the clock of the scheduler it is given to, else `systemClock` */
  clock?: Clock;
  /** Time limit of one HTTP request, ms. @default 10000 */
  timeoutMs?: number;
  /** Attempts per ping (the first included); 429, 5xx, network errors and timeouts are retried. @default 3 */
  maxAttempts?: number;
  /** Delay before the 2nd attempt, doubled each time, ms. @default 1000 */
  initialDelayMs?: number;
  /** Upper bound of a retry delay, ms. @default 30000 */
  maxDelayMs?: number;
  /** Where a ping that could not be delivered is reported (`warn`, never with its URL). @default silent */
  logger?: Logger;
}

/** One HTTP request of a monitor. @internal */
export interface PingRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** What it reports, for logs: `start of run <id> of <job>`. */
  readonly what: string;
}

/**
 * Sends a monitor's pings in the background: each through `retry()` with every attempt under
 * `withTimeout()`, on the scheduler's clock. `send` never throws and never makes its caller wait;
 * a ping that fails for good is logged without its URL. `flush()` waits for the pings under way.
 *
 * @internal
 */
export class MonitorDelivery {
  readonly #monitor: string;
  readonly #fetch: MonitorFetch;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #logger: Logger;
  readonly #pending = new Set<Promise<void>>();
  #clock: Clock;
  #clockSettled: boolean;

  constructor(monitor: string, site: OptionSite, options: MonitorDeliveryOptions) {
    this.#monitor = monitor;
    const fetchImpl = options.fetch ?? (globalThis.fetch as unknown as MonitorFetch | undefined);
    if (typeof fetchImpl !== 'function') {
      throw invalidOption(site, 'fetch', 'a fetch implementation', fetchImpl, 'Pass `fetch` or use Node >= 20.');
    }
    this.#fetch = fetchImpl;
    this.#clock = options.clock ?? systemClock;
    this.#clockSettled = options.clock !== undefined;
    this.#timeoutMs = positiveNumber(site, 'timeoutMs', options.timeoutMs, 10_000);
    this.#maxAttempts = integerAtLeast(site, 'maxAttempts', options.maxAttempts, 1, 3);
    this.#initialDelayMs = positiveNumber(site, 'initialDelayMs', options.initialDelayMs, 1_000);
    this.#maxDelayMs = positiveNumber(site, 'maxDelayMs', options.maxDelayMs, 30_000);
    this.#logger = options.logger ?? silentLogger;
  }

  /** Follows the scheduler's clock unless given one. */
  [adoptClock](clock: Clock): void {
    if (this.#clockSettled) return;
    this.#clock = clock;
    this.#clockSettled = true;
  }

  /** Sends `request` in the background, after `after` has settled (a run's start ping before its end). Never rejects. */
  send(request: PingRequest, after?: Promise<void>): Promise<void> {
    const task = (after ?? Promise.resolve()).then(() => this.#deliver(request));
    this.#pending.add(task);
    void task.finally(() => this.#pending.delete(task));
    return task;
  }

  /** Waits for every ping under way (each bounded by its attempts and timeouts). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #deliver(request: PingRequest): Promise<void> {
    try {
      await retry((_attempt, signal) => this.#once(request, signal), {
        attempts: this.#maxAttempts,
        initialDelayMs: Math.min(this.#initialDelayMs, this.#maxDelayMs),
        maxDelayMs: this.#maxDelayMs,
        jitter: false,
        clock: this.#clock,
      });
    } catch (error) {
      this.#logger.warn(`${this.#monitor}: could not report the ${request.what}; the run is not affected`, {
        monitor: this.#monitor,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #once(request: PingRequest, signal: AbortSignal): Promise<void> {
    const timeout = (): NotifierError =>
      new NotifierError(this.#monitor, `${this.#monitor} did not answer within ${this.#timeoutMs} ms.`, {
        retryable: true,
      });
    return withTimeout((timed) => this.#request(request, timed), this.#timeoutMs, {
      clock: this.#clock,
      signal,
      reason: timeout,
      unref: true,
    });
  }

  async #request(request: PingRequest, signal: AbortSignal): Promise<void> {
    let status: number;
    try {
      const response = await this.#fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal,
      });
      status = response.status;
      await response.text();
    } catch (thrown) {
      if (signal.aborted) throw signal.reason;
      throw this.#networkError(thrown);
    }
    if (status >= 200 && status < 300) return;
    const retryable = status === 429 || status >= 500;
    const hint = retryable ? '' : ' Check the monitor URL or DSN and that the check exists.';
    throw new NotifierError(this.#monitor, `${this.#monitor} returned ${status}.${hint}`, { status, retryable });
  }

  #networkError(thrown: unknown): NotifierError {
    // Only the error code is kept: undici's messages and causes may carry the request target.
    const cause = (thrown as { cause?: { code?: unknown } } | undefined)?.cause;
    const code = typeof cause?.code === 'string' ? cause.code : (thrown as { code?: unknown })?.code;
    const label = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
    return new NotifierError(this.#monitor, `${this.#monitor} request failed${label}: network error.`, {
      retryable: true,
    });
  }
}
