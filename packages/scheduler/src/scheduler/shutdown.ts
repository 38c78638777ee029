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
 * `shutdown`) so none is left `running` in the store. Returns how many runs
 * were still running when the grace ran out (isolated ones killed, others recorded over).
 *
 * @internal
 */
export async function drainRuns(rt: Runtime, tasks: Iterable<Promise<unknown>>, graceMs: number): Promise<number> {
  const pending = [...rt.active.values()].map((active) => active.done);
  await waitAtMost(rt, Promise.allSettled([...pending, ...tasks]), graceMs);
  let cancelled = await killIsolated(rt);
  for (const active of [...rt.active.values()]) {
    const record = await forceCancel(rt, active.run.id);
    if (record) cancelled++;
    // Whoever awaits the run (a `trigger()`) gets its final record, though the job never returned.
    active.settle(record ?? (await rt.store.getRun(active.run.id).catch(() => undefined)) ?? active.run);
  }
  return cancelled;
}

/**
 * Past the grace period, isolated jobs still running are killed (thread terminated, process group
 * SIGKILLed) and their attempts recorded as usual (`cancelled`, `killed: true`): a kill takes a few
 * ms, waited for at most {@link KILL_WAIT_MS}. Returns how many runs ended that way.
 */
async function killIsolated(rt: Runtime): Promise<number> {
  const isolated = [...rt.active.values()].filter((active) => rt.jobs.get(active.run.job)?.def.isolation);
  for (const active of isolated) active.kill.abort();
  if (isolated.length > 0) {
    await waitAtMost(rt, Promise.allSettled(isolated.map((active) => active.done)), KILL_WAIT_MS);
  }
  // Those recorded by now ended by the kill; the others are recorded over below, and counted there.
  return isolated.filter((active) => !rt.active.has(active.run.id)).length;
}

/** How long a stop waits for killed workers to be gone and their runs recorded. */
const KILL_WAIT_MS = 2_000;

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
