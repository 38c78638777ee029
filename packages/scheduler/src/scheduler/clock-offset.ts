import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { SchedulerEmitter } from '../run/emitter.js';
import type { Store } from '../store/types.js';

/** Below this, a measured offset is noise (a network round trip), not skew. */
const NOISE_MS = 1_000;
/** Above this, the clocks are skewed: warned once per episode. */
const SKEW_MS = 5_000;

/**
 * Measures `store time - local time` in ms, taking the local reading at the
 * middle of the round trip; also gives the store time it read.
 *
 * @internal
 */
export async function measureStoreOffset(
  clock: Clock,
  store: Store,
): Promise<{ offsetMs: number; storeNowMs: number }> {
  const before = clock.now();
  const storeNowMs = (await store.now()).getTime();
  const after = clock.now();
  return { offsetMs: Math.round(storeNowMs - (before + after) / 2), storeNowMs };
}

/**
 * The scheduler's time: the local clock corrected by the offset to the store's clock, measured
 * at start and at every store poll. Slots are evaluated in store time.
 *
 * @internal
 */
export class StoreClock {
  readonly #clock: Clock;
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #emitter: SchedulerEmitter;
  #offsetMs = 0;
  #skewed = false;

  constructor(clock: Clock, store: Store, logger: Logger, emitter: SchedulerEmitter) {
    this.#clock = clock;
    this.#store = store;
    this.#logger = logger;
    this.#emitter = emitter;
  }

  /** The scheduler's time, ms. */
  nowMs(): number {
    return this.#clock.now() + this.#offsetMs;
  }

  /** Measures the offset to the store's clock (warns on skew); returns the store time it read. */
  async measure(): Promise<number> {
    const { offsetMs, storeNowMs } = await measureStoreOffset(this.#clock, this.#store);
    this.#offsetMs = Math.abs(offsetMs) >= NOISE_MS ? offsetMs : 0;
    const skewed = Math.abs(offsetMs) > SKEW_MS;
    if (skewed && !this.#skewed) {
      this.#logger.warn('Local clock differs from the store clock; slots are evaluated in store time', { offsetMs });
      this.#emitter.emit('clock:skew-detected', { offsetMs });
    }
    this.#skewed = skewed;
    return storeNowMs;
  }
}
