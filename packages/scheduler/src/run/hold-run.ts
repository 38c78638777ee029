import { sleep } from '../core/capped-timer.js';
import { JobCancelledError } from '../core/errors.js';
import { toError } from '../core/serialized-error.js';
import type { RunRecord } from '../store/types.js';
import { eventBase, runAttempts } from './attempts.js';
import { checkDependencies } from './dependency-check.js';
import { cancelReason, finish, outcomeToFinish } from './finish-run.js';
import { startLeaseKeeper } from './lease-keeper.js';
import { observedJob, type RunHooks } from './observers.js';
import { untilSlot } from './pre-claim.js';
import type { ActiveRun, JobEntry, Runtime, SlotRequest } from './runtime.js';
import { waitForEarlierRuns } from './wait-earlier-runs.js';

/**
 * Holds a claimed run on this instance (in `rt.active`, cancellable through the caller's signal)
 * and drives it: wait for earlier runs (buffer / cancel-other) → dependencies → jitter →
 * concurrency gate → attempts → final record. Resolves with the final record.
 *
 * @internal
 */
export function holdRun(
  rt: Runtime,
  entry: JobEntry,
  request: SlotRequest,
  run: RunRecord,
  decision: 'run' | 'wait' | 'replace',
): Promise<RunRecord> {
  const controller = new AbortController();
  const onUserAbort = (): void => controller.abort(new JobCancelledError('user'));
  if (request.signal?.aborted) onUserAbort();
  request.signal?.addEventListener('abort', onUserAbort, { once: true });
  let settle: (record: RunRecord) => void = () => undefined;
  const settled = new Promise<RunRecord>((resolve) => {
    settle = resolve;
  });
  const kill = new AbortController();
  const active: ActiveRun = {
    run,
    controller,
    kill,
    done: settled,
    started: false,
    settle: (record) => settle(record),
  };
  rt.active.set(run.id, active);
  const observed = rt.observers.held(
    { job: observedJob(entry), record: run, instanceId: rt.instanceId },
    request.parents,
  );
  // A job that ignores its signal may never return: `settle` (a forced cancel at shutdown) ends the wait for it.
  active.done = Promise.race([drive(rt, entry, request, active, decision, observed), settled]).finally(() => {
    request.signal?.removeEventListener('abort', onUserAbort);
    rt.active.delete(run.id);
    rt.runEnded(run.job);
  });
  if (observed.followed) {
    void active.done.then(
      (record) => observed.ended(record),
      () => undefined,
    );
  }
  return active.done;
}

async function drive(
  rt: Runtime,
  entry: JobEntry,
  request: SlotRequest,
  active: ActiveRun,
  decision: 'run' | 'wait' | 'replace',
  observed: RunHooks,
): Promise<RunRecord> {
  const { run, controller } = active;
  const signal = controller.signal;
  const lease = startLeaseKeeper(rt, run.id, controller);
  let release: (() => void) | undefined;
  try {
    rt.emitter.emit('run:queued', eventBase(run));
    if (decision !== 'run') await waitTurn(rt, entry, run, decision, signal);
    else if (signal.aborted) throw signal.reason;
    let dependencies = new Map<string, RunRecord>();
    if (request.checkDependencies) {
      const verdict = await checkDependencies(rt, entry, run.scheduledFor, signal);
      if (!verdict.ok) return await finish(rt, run, { status: 'skipped', reason: verdict.reason });
      dependencies = verdict.dependencies;
    } else if (entry.def.dependsOn.length > 0) {
      dependencies = await rt.store.latestRuns({ statuses: ['succeeded'], jobs: entry.def.dependsOn });
    }
    await jitter(rt, entry, request, signal);
    release = await rt.gate.acquire(entry.def.name, run.scheduledFor.getTime(), signal);
    if (request.startAtMs !== undefined) await untilSlot(rt, request.startAtMs, signal);
    active.started = true;
    const attempts = {
      entry,
      run,
      signal,
      heartbeat: lease.heartbeat,
      dependencies,
      observed,
      kill: active.kill.signal,
    };
    const outcome = await runAttempts(rt, attempts);
    return await finish(rt, run, outcomeToFinish(outcome));
  } catch (thrown) {
    const error = toError(signal.aborted ? signal.reason : thrown);
    const status = signal.aborted ? 'cancelled' : 'failed';
    return await finish(rt, run, { status, error, reason: cancelReason(error) });
  } finally {
    release?.();
    lease.stop();
  }
}

async function waitTurn(
  rt: Runtime,
  entry: JobEntry,
  run: RunRecord,
  decision: 'wait' | 'replace',
  signal: AbortSignal,
): Promise<void> {
  if (decision === 'replace') {
    for (const other of rt.active.values()) {
      if (other.run.job === run.job && other.run.id !== run.id && !other.controller.signal.aborted) {
        other.controller.abort(new JobCancelledError('replaced', `Replaced by run ${run.id} (overlap: cancel-other).`));
      }
    }
  }
  try {
    await waitForEarlierRuns(rt, run, signal);
  } finally {
    entry.buffered--;
  }
}

async function jitter(rt: Runtime, entry: JobEntry, request: SlotRequest, signal: AbortSignal): Promise<void> {
  if (entry.def.jitterMs <= 0 || request.trigger !== 'schedule') return;
  const slotMs = request.scheduledFor.getTime();
  const nextMs = entry.schedule.next(request.scheduledFor)?.getTime() ?? Number.POSITIVE_INFINITY;
  // Never past the next slot: keep at least 1 ms before it.
  const maxMs = Math.max(0, Math.min(entry.def.jitterMs, nextMs - slotMs - 1));
  const delayMs = Math.floor(Math.random() * maxMs) - Math.max(0, rt.nowMs() - slotMs);
  if (delayMs > 0) await sleep(rt.clock, delayMs, { signal });
}
