import { setCappedTimeout } from '../core/capped-timer.js';
import type { Clock } from '../core/clock.js';

// Captured at load, so fake timers installed later (vi.useFakeTimers) do not hold a kill.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Calls `fn` once `ms` have passed on `clock` or in real time, whichever comes first: a worker
 * runs in real time, so a fake clock nobody moves must not keep it alive. Returns the cancel.
 *
 * @internal
 */
export function afterGrace(clock: Clock, ms: number, fn: () => void): () => void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cancel();
    fn();
  };
  const real = realSetTimeout(once, ms);
  const cancelClock = setCappedTimeout(clock, once, ms, true);
  const cancel = (): void => {
    realClearTimeout(real);
    cancelClock();
  };
  return () => {
    done = true;
    cancel();
  };
}
