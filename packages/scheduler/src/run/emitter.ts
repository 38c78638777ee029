import type { Logger } from '../core/logger.js';
import type { SchedulerEventMap, SchedulerListener } from './events.js';

type AnyListener = (event: unknown) => void;

/**
 * A typed event emitter whose listeners cannot hurt the emitter: a listener
 * that throws (or rejects) is logged and the others still run.
 *
 * @internal
 */
export class SchedulerEmitter {
  readonly #listeners = new Map<keyof SchedulerEventMap, Set<AnyListener>>();
  readonly #logger: Logger;

  /** @param logger - where throwing listeners are reported */
  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as AnyListener);
    return () => this.off(event, listener);
  }

  /** Unsubscribes. */
  off<K extends keyof SchedulerEventMap>(event: K, listener: SchedulerListener<K>): void {
    this.#listeners.get(event)?.delete(listener as AnyListener);
  }

  /** Calls every listener of `event` with `payload`. */
  emit<K extends keyof SchedulerEventMap>(event: K, payload: SchedulerEventMap[K]): void {
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        const out: unknown = listener(payload);
        if (out instanceof Promise) out.catch((error: unknown) => this.#report(event, error));
      } catch (error) {
        this.#report(event, error);
      }
    }
  }

  #report(event: string, error: unknown): void {
    this.#logger.error('Scheduler event listener threw; the scheduler carries on', { event, error });
  }
}
