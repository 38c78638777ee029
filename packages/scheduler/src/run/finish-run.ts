import { backoffDelayMs } from '../core/backoff.js';
import { sleep } from '../core/capped-timer.js';
import { JobCancelledError } from '../core/errors.js';
import { serializeError } from '../core/serialized-error.js';
import type { FinishRequest, RunRecord } from '../store/types.js';
import { type AttemptsOutcome, eventBase } from './attempts.js';
import type { Runtime } from './runtime.js';

/** Store errors on writing an outcome: 1 s, 2 s, 4 s... at most 30 s apart (within `leaseMs`). */
const FINISH_RETRY_BACKOFF = { initialMs: 1_000, maxMs: 30_000 } as const;

/** How a run ended, as the attempts or the path around them saw it. @internal */
export interface Finish {
  status: FinishRequest['status'];
  result?: unknown;
  error?: Error;
  reason?: string | undefined;
}

/** @internal */
export function outcomeToFinish(outcome: AttemptsOutcome): Finish {
  const finish: Finish = { status: outcome.status };
  if (outcome.status === 'succeeded') finish.result = outcome.result;
  if (outcome.error) {
    finish.error = outcome.error;
    const reason = cancelReason(outcome.error);
    if (outcome.status === 'cancelled' && reason) finish.reason = reason;
  }
  return finish;
}

/** The reason of a cancelled run (`shutdown`, `user`, `replaced`, ...). @internal */
export function cancelReason(error: Error): string | undefined {
  return error instanceof JobCancelledError ? error.reason : undefined;
}

/** Writes the final state of a run this instance owns, then emits its events. @internal */
export async function finish(rt: Runtime, run: RunRecord, outcome: Finish): Promise<RunRecord> {
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
