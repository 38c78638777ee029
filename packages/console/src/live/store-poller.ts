/**
 * Changes made by other instances, for a store that does not report them (SQLite): every
 * interval it reads the job rows changed since the last read, the running runs, and the newest
 * runs, and publishes what differs from the previous read. Three indexed queries per interval
 * for the whole console, whatever the number of viewers.
 */
import type { Clock, Logger, RunRecord, Store } from '@pokemon/scheduler';
import type { EventHub } from './event-hub.js';

/** Newest runs read each interval (a run recorded skipped or missed shows up there). */
const NEWEST = 20;

/** @internal */
export class StorePoller {
  readonly #store: Store;
  readonly #hub: EventHub;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  #timer: ReturnType<Clock['setTimeout']> | undefined;
  #since: Date | undefined;
  #running = new Map<string, RunRecord>();
  #known = new Map<string, string>();
  #stopped = false;

  constructor(store: Store, hub: EventHub, clock: Clock, logger: Logger, intervalMs: number) {
    this.#store = store;
    this.#hub = hub;
    this.#clock = clock;
    this.#logger = logger;
    this.#intervalMs = intervalMs;
  }

  /** Takes the first snapshot (publishing nothing), then polls. */
  async start(): Promise<void> {
    await this.#poll(false);
    this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
  }

  #arm(): void {
    if (this.#stopped) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#poll(true).then(
        () => this.#arm(),
        (error: unknown) => {
          this.#logger.warn('console: reading the store for live changes failed; trying again', { error });
          this.#arm();
        },
      );
    }, this.#intervalMs);
    this.#timer.unref?.();
  }

  async #poll(publish: boolean): Promise<void> {
    const now = await this.#store.now();
    const [jobs, running, newest] = await Promise.all([
      this.#since ? this.#store.listJobs({ updatedSince: this.#since }) : Promise.resolve([]),
      this.#store.listRunning(),
      this.#store.listRuns({ limit: NEWEST }).then((page) => page.runs),
    ]);
    this.#since = now;
    const finished = [...this.#running.keys()].filter((id) => !running.some((run) => run.id === id));
    const ended = await Promise.all(finished.map((id) => this.#store.getRun(id)));
    if (!publish) {
      this.#remember(running, newest);
      return;
    }
    for (const job of jobs) this.#hub.publish({ type: 'job', data: { job: job.name } });
    for (const run of [...running, ...newest, ...ended]) {
      if (run && this.#known.get(run.id) !== run.status) {
        this.#hub.publish({ type: 'run', data: { job: run.job, runId: run.id, status: run.status } });
      }
    }
    this.#remember(running, newest);
  }

  #remember(running: readonly RunRecord[], newest: readonly RunRecord[]): void {
    this.#running = new Map(running.map((run) => [run.id, run]));
    this.#known = new Map([...newest, ...running].map((run) => [run.id, run.status]));
  }
}
