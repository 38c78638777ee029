import { backoffDelayMs } from '../../core/backoff.js';
import type { Clock, TimerHandle } from '../../core/clock.js';
import type { ChangeFeed } from '../change-feed.js';
import { RUN_STATUSES } from '../run-status.js';
import type { RunStatus, StoreChange } from '../types.js';
import type { PgClientLike, PgNotificationClientLike } from './driver-types.js';

/** Reconnect delays: 250 ms doubling to 30 s, jittered. */
const RECONNECT = { initialMs: 250, maxMs: 30_000, jitter: true } as const;

/** The channels a listener follows: job row changes (payload: the job's name) and run changes (a JSON object). */
export interface PgChannels {
  jobs: string;
  runs: string;
}

/** A run notification's payload, as the store's SQL builds it. */
interface RunPayload {
  job?: unknown;
  id?: unknown;
  status?: unknown;
  lease?: unknown;
}

const RUN_STATUS_SET: ReadonlySet<string> = new Set(RUN_STATUSES);

/** A run notification as a `run` change; `undefined` for a payload that is not one (ignored). */
function runChange(payload: string): StoreChange | undefined {
  let parsed: RunPayload;
  try {
    parsed = JSON.parse(payload) as RunPayload;
  } catch {
    return undefined;
  }
  const { job, id, status, lease } = parsed;
  if (typeof job !== 'string' || typeof id !== 'string' || typeof status !== 'string') return undefined;
  if (!RUN_STATUS_SET.has(status)) return undefined;
  const change: StoreChange = { kind: 'run', job, runId: id, status: status as RunStatus };
  const leaseMs = typeof lease === 'string' ? Date.parse(lease) : Number.NaN;
  if (status === 'running' && Number.isFinite(leaseMs)) change.leaseExpiresAt = new Date(leaseMs);
  return change;
}

/**
 * Holds one connection in `LISTEN` on the job and run channels and turns each notification
 * into a `job` change (the payload is the job's name) or a `run` change (a claim or a final
 * status, from any instance) on `feed`. When the connection drops it reconnects
 * with capped backoff and then reports a `resync` (notifications sent meanwhile
 * are lost; the scheduler reads again). Polling stays the fallback throughout.
 *
 * @internal
 */
export class PgChangeListener {
  readonly #connect: () => Promise<PgClientLike>;
  readonly #channels: PgChannels;
  readonly #feed: ChangeFeed;
  readonly #clock: Clock;
  #client: PgNotificationClientLike | undefined;
  #retry: TimerHandle | undefined;
  #failures = 0;
  #stopped = false;

  constructor(connect: () => Promise<PgClientLike>, channels: PgChannels, feed: ChangeFeed, clock: Clock) {
    this.#connect = connect;
    this.#channels = channels;
    this.#feed = feed;
    this.#clock = clock;
  }

  /** A listener that has begun listening (see {@link PgChangeListener.start}). */
  static async started(
    connect: () => Promise<PgClientLike>,
    channels: PgChannels,
    feed: ChangeFeed,
    clock: Clock,
  ): Promise<PgChangeListener> {
    const listener = new PgChangeListener(connect, channels, feed, clock);
    await listener.start();
    return listener;
  }

  /** Connects and listens; rejects when the first attempt fails (the caller polls). */
  async start(): Promise<void> {
    await this.#listen();
  }

  /** Stops listening and returns the connection. Idempotent. */
  stop(): void {
    this.#stopped = true;
    if (this.#retry !== undefined) this.#clock.clearTimeout(this.#retry);
    this.#drop(undefined);
  }

  async #listen(): Promise<void> {
    const client = (await this.#connect()) as PgNotificationClientLike;
    if (typeof client.on !== 'function') {
      client.release(true);
      throw new TypeError('The pool gives connections without an `on` method: LISTEN needs pg.Pool connections.');
    }
    const lost = (error?: Error): void => this.#lost(client, error);
    client.on('notification', (message) => this.#onNotification(message.channel, message.payload));
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.query({ text: `LISTEN "${this.#channels.jobs}"; LISTEN "${this.#channels.runs}"` });
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    if (this.#stopped) {
      client.release(true);
      return;
    }
    this.#client = client;
  }

  #onNotification(channel: string, payload: string | undefined): void {
    if (!payload) return;
    if (channel === this.#channels.jobs) this.#feed.emit({ kind: 'job', job: payload });
    else if (channel === this.#channels.runs) {
      const change = runChange(payload);
      if (change) this.#feed.emit(change);
    }
  }

  #lost(client: PgNotificationClientLike, error: Error | undefined): void {
    if (this.#client !== client) return;
    this.#drop(error ?? true);
    this.#scheduleReconnect();
  }

  #drop(error: Error | boolean | undefined): void {
    const client = this.#client;
    this.#client = undefined;
    // A broken connection is discarded, not returned to the pool.
    if (client) client.release(error ?? true);
  }

  #scheduleReconnect(): void {
    if (this.#stopped) return;
    this.#failures++;
    const delayMs = backoffDelayMs(this.#failures, RECONNECT);
    this.#retry = this.#clock.setTimeout(() => {
      this.#retry = undefined;
      this.#listen().then(
        () => {
          this.#failures = 0;
          if (!this.#stopped) this.#feed.emit({ kind: 'resync' });
        },
        () => this.#scheduleReconnect(),
      );
    }, delayMs);
    this.#retry.unref?.();
  }
}
