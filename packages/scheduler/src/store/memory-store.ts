import type { Clock } from '../core/clock.js';
import { MemoryStore } from './memory/memory-store.js';
import type { Store } from './types.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Where the store reads time for `createdAt`, leases and heartbeats.
   * @default the clock of the scheduler the store is given to (`createScheduler({ clock })`), else `systemClock`
   */
  clock?: Clock;
}

/**
 * A {@link Store} kept in this process's memory: nothing survives a restart and
 * nothing is shared with other processes. Right for tests, demos and a single
 * instance that needs no history; every operation is atomic (the event loop
 * runs one at a time), so it honours the whole store contract.
 *
 * @remarks
 * Values (`result`, `progress`, state) are stored as JSON, exactly as the SQL
 * stores keep them. After `close()` every operation rejects with a {@link StoreError}.
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({ jobs, store: createMemoryStore() });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  return new MemoryStore(options.clock);
}
