import type { RunRecord } from '../store/types.js';
import type { Runtime } from './runtime.js';

/**
 * Waits until no run of the same job claimed before `run` (on any instance)
 * is still running. Claim order (`createdAt`, then `id`) is a total order, so
 * buffered runs queue up behind each other and never wait for one another in
 * a loop. Local runs wake the waiter when they end; runs of other instances
 * are polled every `leaseMs / 3`.
 *
 * @internal
 */
export async function waitForEarlierRuns(rt: Runtime, run: RunRecord, signal: AbortSignal): Promise<void> {
  const pollMs = Math.max(1, Math.floor(rt.leaseMs / 3));
  for (;;) {
    signal.throwIfAborted();
    const running = await rt.store.listRunning(run.job);
    const earlier = running.filter((other) => other.id !== run.id && claimedBefore(other, run));
    if (earlier.length === 0) return;
    await rt.waitForRunEnd(run.job, pollMs, signal);
  }
}

function claimedBefore(a: RunRecord, b: RunRecord): boolean {
  const at = a.createdAt.getTime();
  const bt = b.createdAt.getTime();
  if (at !== bt) return at < bt;
  const as = a.scheduledFor.getTime();
  const bs = b.scheduledFor.getTime();
  return as < bs || (as === bs && a.id < b.id);
}
