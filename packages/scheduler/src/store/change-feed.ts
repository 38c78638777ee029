import type { StoreChange, StoreChangeListener } from './types.js';

/**
 * The listeners of an in-process store's {@link Store.watch}: each change is
 * delivered in a microtask (after the operation that made it has returned its
 * result), and a listener that throws does not stop the others.
 *
 * @internal
 */
export class ChangeFeed {
  readonly #listeners = new Set<StoreChangeListener>();

  /** Adds `listener` until `signal` aborts. */
  add(listener: StoreChangeListener, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.#listeners.add(listener);
    signal.addEventListener('abort', () => this.#listeners.delete(listener), { once: true });
  }

  /** Queues `change` for every listener (nothing to do without listeners). */
  emit(change: StoreChange): void {
    if (this.#listeners.size === 0) return;
    const listeners = [...this.#listeners];
    queueMicrotask(() => {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch {
          // A listener must not throw (see StoreChangeListener); the others still hear the change.
        }
      }
    });
  }

  /** Drops every listener (the store closed). */
  clear(): void {
    this.#listeners.clear();
  }
}
