import { sleep } from '../clock.js';
import { JobCancelledError, serializeError } from '../errors.js';
import { eventBase } from '../run/attempts.js';
import type { Runtime } from './runtime.js';

/**
 * The second half of `stop()`: every run held by this instance has had its
 * signal aborted; waits for them (and other background tasks) up to
 * `graceMs`, then records the runs still going as `cancelled` (reason
 * `shutdown`) so none is left `running` in the store. Returns how many it
 * had to cancel that way.
 *
 * @internal
 */
export async function drainRuns(rt: Runtime, tasks: Iterable<Promise<unknown>>, graceMs: number): Promise<number> {
  const pending = [...rt.active.values()].map((active) => active.done);
  await waitAtMost(rt, Promise.allSettled([...pending, ...tasks]), graceMs);
  let cancelled = 0;
  for (const active of [...rt.active.values()]) {
    if (await forceCancel(rt, active.run.id)) cancelled++;
  }
  return cancelled;
}

async function waitAtMost(rt: Runtime, promise: Promise<unknown>, ms: number): Promise<void> {
  const timeout = new AbortController();
  await Promise.race([promise, sleep(rt.clock, ms, timeout.signal).catch(() => undefined)]);
  timeout.abort();
}

/** Records a run that ignored the shutdown past the grace period as `cancelled`. */
async function forceCancel(rt: Runtime, runId: string): Promise<boolean> {
  try {
    const owned = await rt.store.finishRun(runId, {
      status: 'cancelled',
      instanceId: rt.instanceId,
      finishedAt: new Date(rt.nowMs()),
      reason: 'shutdown',
      error: serializeError(new JobCancelledError('shutdown', 'Still running after the shutdown grace period.')),
    });
    if (!owned) return false;
    const run = await rt.store.getRun(runId);
    if (!run) return true;
    rt.emitter.emit('run:failed', { ...eventBase(run), run, error: run.error ?? serializeError(null) });
    rt.onRunFinished(run);
    return true;
  } catch (error) {
    rt.reportError('stop', error, 0);
    return false;
  }
}
