import { backoffDelayMs } from '../../core/backoff.js';
import type { Clock, TimerHandle } from '../../core/clock.js';
import type { ChangeFeed } from '../change-feed.js';
import type { PgClientLike, PgNotificationClientLike } from './driver-types.js';

/** Reconnect delays: 250 ms doubling to 30 s, jittered. */
const RECONNECT = { initialMs: 250, maxMs: 30_000, jitter: true } as const;

/**
 * Holds one connection in `LISTEN <channel>` and turns each notification (a job
 * name) into a `job` change on `feed`. When the connection drops it reconnects
 * with capped backoff and then reports a `resync` (notifications sent meanwhile
 * are lost; the scheduler reads again). Polling stays the fallback throughout.
 *
 * @internal
 */
export class PgChangeListener {
  readonly #connect: () => Promise<PgClientLike>;
  readonly #channel: string;
  readonly #feed: ChangeFeed;
  readonly #clock: Clock;
  #client: PgNotificationClientLike | undefined;
  #retry: TimerHandle | undefined;
  #failures = 0;
  #stopped = false;

  constructor(connect: () => Promise<PgClientLike>, channel: string, feed: ChangeFeed, clock: Clock) {
    this.#connect = connect;
    this.#channel = channel;
    this.#feed = feed;
    this.#clock = clock;
  }

  /** Connects and listens; rejects when the first attempt fails (the caller polls). */
  /** A listener that has begun listening (see {@link PgChangeListener.start}). */
  static async started(
    connect: () => Promise<PgClientLike>,
    channel: string,
    feed: ChangeFeed,
    clock: Clock,
  ): Promise<PgChangeListener> {
    const listener = new PgChangeListener(connect, channel, feed, clock);
    await listener.start();
    return listener;
  }

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
    client.on('notification', (message) => {
      if (message.channel === this.#channel && message.payload) this.#feed.emit({ kind: 'job', job: message.payload });
    });
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.query({ text: `LISTEN "${this.#channel}"` });
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
