/**
 * Where the live stream's events come from: this instance's scheduler events, the store's own
 * change reports (`Store.watch`: PostgreSQL's LISTEN/NOTIFY, the memory store), and, for a store
 * that reports nothing (SQLite), a poller. Started by the first subscriber, stopped by `close()`.
 */
import type { Clock, Logger, Scheduler, Store } from '@pokemon/scheduler';
import type { StoreChange } from '@pokemon/scheduler/store';
import { EventHub } from './event-hub.js';
import { publishSchedulerEvents } from './scheduler-events.js';
import { StorePoller } from './store-poller.js';

/** @internal */
export interface LiveFeedOptions {
  scheduler: Scheduler;
  store: Store;
  clock: Clock;
  logger: Logger;
  pollIntervalMs: number;
}

/** @internal */
export class LiveFeed {
  readonly hub = new EventHub();
  readonly #options: LiveFeedOptions;
  #starting: Promise<void> | undefined;
  readonly #stops: (() => void)[] = [];

  constructor(options: LiveFeedOptions) {
    this.#options = options;
  }

  /** Starts the sources once; later calls wait for the first. */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  close(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }

  async #start(): Promise<void> {
    const { scheduler, store, clock, logger, pollIntervalMs } = this.#options;
    this.#stops.push(publishSchedulerEvents(scheduler, this.hub));
    if (await this.#watch(store)) return;
    const poller = new StorePoller(store, this.hub, clock, logger, pollIntervalMs);
    this.#stops.push(() => poller.stop());
    await poller.start();
  }

  /** Follows the store's own reports; `false` when it has none (or they cannot start). */
  async #watch(store: Store): Promise<boolean> {
    if (!store.watch) return false;
    const watching = new AbortController();
    try {
      await store.watch((change) => this.#onChange(change), watching.signal);
    } catch (error) {
      this.#options.logger.warn('console: the store cannot report its changes; polling it instead', { error });
      return false;
    }
    this.#stops.push(() => watching.abort());
    return true;
  }

  #onChange(change: StoreChange): void {
    if (change.kind === 'job') this.hub.publish({ type: 'job', data: { job: change.job } });
    else if (change.kind === 'run') {
      this.hub.publish({ type: 'run', data: { job: change.job, runId: change.runId, status: change.status } });
    } else this.hub.publish({ type: 'resync', data: {} });
  }
}
