import { sleep } from '../core/capped-timer.js';
import { JobCancelledError } from '../core/errors.js';
import { serializeError } from '../core/serialized-error.js';
import { eventBase } from '../run/attempts.js';
import type { Runtime } from '../run/runtime.js';
import type { RunRecord } from '../store/types.js';

// Captured at load, so fake timers installed later (vi.useFakeTimers) do not hold the grace period.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

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
    const record = await forceCancel(rt, active.run.id);
    if (record) cancelled++;
    // Whoever awaits the run (a `trigger()`) gets its final record, though the job never returned.
    active.settle(record ?? (await rt.store.getRun(active.run.id).catch(() => undefined)) ?? active.run);
  }
  return cancelled;
}

/**
 * Waits for `promise`, at most `ms` on the scheduler's clock or `ms` of real
 * time, whichever passes first: a test's fake clock that nobody moves cannot
 * hold `stop()` (nor the process) past the grace period.
 */
async function waitAtMost(rt: Runtime, promise: Promise<unknown>, ms: number): Promise<void> {
  if (ms <= 0) {
    await Promise.race([promise, Promise.resolve()]);
    return;
  }
  const timeout = new AbortController();
  let realTimer: ReturnType<typeof realSetTimeout> | undefined;
  const realDeadline = new Promise<void>((resolve) => {
    realTimer = realSetTimeout(resolve, ms);
  });
  await Promise.race([promise, realDeadline, sleep(rt.clock, ms, { signal: timeout.signal }).catch(() => undefined)]);
  timeout.abort();
  realClearTimeout(realTimer);
}

/** Records a run that ignored the shutdown past the grace period as `cancelled`; returns its record, or `undefined` when this instance no longer owned it. */
async function forceCancel(rt: Runtime, runId: string): Promise<RunRecord | undefined> {
  try {
    const owned = await rt.store.finishRun(runId, {
      status: 'cancelled',
      instanceId: rt.instanceId,
      finishedAt: new Date(rt.nowMs()),
      reason: 'shutdown',
      error: serializeError(new JobCancelledError('shutdown', 'Still running after the shutdown grace period.')),
    });
    if (!owned) return undefined;
    const run = await rt.store.getRun(runId);
    if (!run) return undefined;
    rt.emitter.emit('run:failed', { ...eventBase(run), run, error: run.error ?? serializeError(null) });
    rt.onRunFinished(run);
    return run;
  } catch (error) {
    rt.reportError('stop', error, 0);
    return undefined;
  }
}
