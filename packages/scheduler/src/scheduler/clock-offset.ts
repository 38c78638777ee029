import type { Clock } from '../clock.js';
import type { Store } from '../store/types.js';

/**
 * Measures `store time - local time` in ms, taking the local reading at the
 * middle of the round trip.
 *
 * @internal
 */
export async function measureStoreOffset(clock: Clock, store: Store): Promise<number> {
  const before = clock.now();
  const storeNow = (await store.now()).getTime();
  const after = clock.now();
  return Math.round(storeNow - (before + after) / 2);
}
