import type { Clock } from '../clock.js';
import type { Store } from '../store/types.js';

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
