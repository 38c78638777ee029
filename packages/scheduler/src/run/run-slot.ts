import { randomUUID } from 'node:crypto';
import { backoffDelayMs } from '../backoff.js';
import { JobCancelledError, serializeError, toError } from '../errors.js';
import { overlapDecision } from '../policy/overlap.js';
import { sleep } from '../primitives/capped-timer.js';
import type { ActiveRun, JobEntry, Runtime, SlotRequest } from '../scheduler/runtime.js';
import type { FinishRequest, RunRecord } from '../store/types.js';
import { type AttemptsOutcome, eventBase, runAttempts } from './attempts.js';
import { checkDependencies } from './dependency-check.js';
import { startLeaseKeeper } from './lease-keeper.js';
import { untilSlot } from './pre-claim.js';
import { waitForEarlierRuns } from './wait-earlier-runs.js';

/** Store errors on writing an outcome: 1 s, 2 s, 4 s... at most 30 s apart (within `leaseMs`). */
const FINISH_RETRY_BACKOFF = { initialMs: 1_000, maxMs: 30_000 } as const;

/**
 * One run's path: overlap policy → claim (through the store, so a slot runs
 * once across instances) → wait for earlier runs (buffer / cancel-other) →
 * dependencies → jitter → concurrency gate → attempts → final record.
 * Resolves with the run's final record (or the record of whoever holds the slot).
 *
 * @internal
 */
export async function runSlot(rt: Runtime, entry: JobEntry, request: SlotRequest): Promise<RunRecord> {
  const claimed = serialise(entry, () => claimSlot(rt, entry, request));
  const held = await claimed;
  return 'record' in held ? held.record : held.done;
}

/** Runs `fn` after the previous decision of this job on this instance, so two due slots never both see "nothing running". */
function serialise<T>(entry: JobEntry, fn: () => Promise<T>): Promise<T> {
  const next = entry.claimLock.then(fn, fn);
  entry.claimLock = next.catch(() => undefined);
  return next;
}

async function claimSlot(
  rt: Runtime,
  entry: JobEntry,
  request: SlotRequest,
): Promise<{ record: RunRecord } | { done: Promise<RunRecord> }> {
  const name = entry.def.name;
  if ((request.trigger === 'schedule' || request.trigger === 'catch-up') && (await rt.circuitGate(name)) === 'open') {
    return { record: await recordNotRun(rt, entry, request, 'skipped', 'circuit-open') };
  }
  let others = await rt.store.listRunning(name);
  if (others.length > 0 && request.startAtMs !== undefined) {
    // Claimed ahead of the slot while a run is in progress: decide at the slot, as without the lead.
    await untilSlot(rt, request.startAtMs, request.signal);
    others = await rt.store.listRunning(name);
  }
  const decision = overlapDecision(entry.def.overlap, others.length, entry.buffered);
  if (decision === 'skip') return { record: await recordNotRun(rt, entry, request, 'skipped', 'overlap') };
  const claim = await rt.store.claimRun({
    id: randomUUID(),
    job: name,
    scheduledFor: request.scheduledFor,
    claimKey: request.claimKey,
    trigger: request.trigger,
    instanceId: rt.instanceId,
    leaseMs: rt.leaseMs,
  });
  if (claim.claimed && claim.abandoned) rt.emitter.emit('run:abandoned', { run: claim.abandoned });
  if (!claim.claimed) return { record: claim.existing };
  if (decision !== 'run') entry.buffered++;
  return { done: holdRun(rt, entry, request, claim.run, decision) };
}

/** Records a slot as `skipped` or `missed` (a claim, so it is recorded once across instances). */
export async function recordNotRun(
  rt: Runtime,
  entry: JobEntry,
  request: Pick<SlotRequest, 'scheduledFor' | 'trigger' | 'claimKey'>,
  status: 'skipped' | 'missed',
  reason: string,
): Promise<RunRecord> {
  const claim = await rt.store.claimRun({
    id: randomUUID(),
    job: entry.def.name,
    scheduledFor: request.scheduledFor,
    claimKey: request.claimKey,
    trigger: request.trigger,
    instanceId: rt.instanceId,
    leaseMs: rt.leaseMs,
    status,
    reason,
  });
  if (!claim.claimed) return claim.existing;
  const run = claim.run;
  if (status === 'skipped') rt.emitter.emit('run:skipped', { ...eventBase(run), run, reason });
  else rt.emitter.emit('run:missed', { ...eventBase(run), run });
  rt.onRunFinished(run);
  return run;
}

function holdRun(
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
  const active: ActiveRun = { run, controller, done: settled, started: false, settle: (record) => settle(record) };
  rt.active.set(run.id, active);
  // A job that ignores its signal may never return: `settle` (a forced cancel at shutdown) ends the wait for it.
  active.done = Promise.race([drive(rt, entry, request, active, decision), settled]).finally(() => {
    request.signal?.removeEventListener('abort', onUserAbort);
    rt.active.delete(run.id);
    rt.runEnded(run.job);
  });
  return active.done;
}

async function drive(
  rt: Runtime,
  entry: JobEntry,
  request: SlotRequest,
  active: ActiveRun,
  decision: 'run' | 'wait' | 'replace',
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
    const outcome = await runAttempts(rt, { entry, run, signal, heartbeat: lease.heartbeat, dependencies });
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

function outcomeToFinish(outcome: AttemptsOutcome): Finish {
  const finish: Finish = { status: outcome.status };
  if (outcome.status === 'succeeded') finish.result = outcome.result;
  if (outcome.error) {
    finish.error = outcome.error;
    const reason = cancelReason(outcome.error);
    if (outcome.status === 'cancelled' && reason) finish.reason = reason;
  }
  return finish;
}

function cancelReason(error: Error): string | undefined {
  return error instanceof JobCancelledError ? error.reason : undefined;
}

interface Finish {
  status: FinishRequest['status'];
  result?: unknown;
  error?: Error;
  reason?: string | undefined;
}

/** Writes the final state of a run this instance owns, then emits its events. */
async function finish(rt: Runtime, run: RunRecord, outcome: Finish): Promise<RunRecord> {
  const request: FinishRequest = {
    status: outcome.status,
    instanceId: rt.instanceId,
    finishedAt: new Date(rt.nowMs()),
  };
  if (outcome.result !== undefined) request.result = outcome.result;
  if (outcome.error) request.error = serializeError(outcome.error);
  if (outcome.reason) request.reason = outcome.reason;
  const owned = await finishWithRetry(rt, run.id, request);
  const final = (await rt.store.getRun(run.id).catch(() => undefined)) ?? { ...run, ...request };
  if (!owned) {
    rt.logger.warn('Run outcome not recorded: this instance no longer owns it', {
      runId: run.id,
      status: final.status,
    });
    return final;
  }
  announce(rt, final, outcome);
  return final;
}

function announce(rt: Runtime, run: RunRecord, outcome: Finish): void {
  const base = eventBase(run);
  if (run.status === 'succeeded') rt.emitter.emit('run:succeeded', { ...base, run, durationMs: run.durationMs ?? 0 });
  else if (run.status === 'skipped') rt.emitter.emit('run:skipped', { ...base, run, reason: run.reason ?? '' });
  else rt.emitter.emit('run:failed', { ...base, run, error: run.error ?? serializeError(outcome.error) });
  rt.onRunFinished(run);
}

/**
 * Writes the outcome, retrying a failing store (1 s, 2 s, 4 s... while the lease
 * keeper still renews the lease) for up to `leaseMs`: giving up early would leave
 * the run `running` until its lease expires and another instance ran the slot again.
 */
async function finishWithRetry(rt: Runtime, runId: string, request: FinishRequest): Promise<boolean> {
  const deadlineMs = rt.nowMs() + rt.leaseMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await rt.store.finishRun(runId, request);
    } catch (error) {
      const retryInMs = backoffDelayMs(attempt, FINISH_RETRY_BACKOFF);
      if (rt.nowMs() + retryInMs > deadlineMs) {
        rt.reportError('finishRun', error, 0);
        return false;
      }
      rt.reportError('finishRun', error, retryInMs);
      await sleep(rt.clock, retryInMs);
    }
  }
}
