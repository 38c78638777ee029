import type { Clock } from '../core/clock.js';
import type { JobContext, JobIsolation } from '../job/types.js';
import { abortReasonData } from './abort-reason.js';
import { afterGrace } from './grace-timer.js';
import { spawnProcess } from './process-worker.js';
import type { WorkerMessage } from './protocol.js';
import { crashError, remoteError } from './remote-error.js';
import { spawnThread } from './thread-worker.js';
import type { WorkerEnd, WorkerHandle } from './worker-handle.js';

/** How long a killed worker may take to be gone before the attempt ends without it (a thread blocked in a system call cannot be terminated until the call returns). */
const END_AFTER_KILL_MS = 1_000;

/** One isolated attempt to run. @internal */
export interface WorkerRun {
  isolation: JobIsolation;
  /** The attempt's context in the scheduler: its signal, logger and heartbeat are bridged to the worker's. */
  ctx: JobContext;
  clock: Clock;
  /** Aborts when the worker must end now, grace or not (a stop that has run out of its own grace). */
  kill: AbortSignal;
}

/** How an isolated attempt ended. `killed`: the worker was terminated while the job was still running. @internal */
export type WorkerOutcome = { ok: true; result: unknown; killed: false } | { ok: false; error: Error; killed: boolean };

/**
 * Runs one attempt of an isolated job in a new worker thread or child process and resolves once
 * the worker has ended. When `ctx.signal` aborts, the worker's own signal is aborted with the same
 * reason; if the job has not answered `killGraceMs` later (on the scheduler's clock or in real
 * time, whichever passes first: the worker runs in real time), the worker is killed.
 *
 * @internal
 */
export async function runInWorker(run: WorkerRun): Promise<WorkerOutcome> {
  const { isolation, ctx } = run;
  let answer: WorkerOutcome | undefined;
  let killed = false;
  let giveUp: (value: undefined) => void = () => undefined;
  const givenUp = new Promise<undefined>((resolve) => {
    giveUp = resolve;
  });
  let cancelEndWait = (): void => undefined;
  const end = (): void => {
    handle.kill();
    cancelEndWait();
    cancelEndWait = afterGrace(run.clock, END_AFTER_KILL_MS, () => giveUp(undefined));
  };
  const onMessage = (message: WorkerMessage): void => {
    if (message.type === 'log') ctx.logger[message.level](message.message, message.fields);
    else if (message.type === 'heartbeat') void ctx.heartbeat(message.progress).catch(() => undefined);
    else if (message.type === 'message') deliver(run, message.value);
    else if (message.type === 'result') answer ??= { ok: true, result: message.value, killed: false };
    else if (message.type === 'error')
      answer ??= { ok: false, error: remoteError(message.error, message.retryable), killed: false };
    // With the answer in, the worker's work is over: end it, with whatever it left running.
    if (message.type === 'result' || message.type === 'error') end();
  };
  const handle = (isolation.mode === 'thread' ? spawnThread : spawnProcess)({
    memoryLimitMb: isolation.memoryLimitMb,
    onMessage,
    onOutput: (stream, line) => (stream === 'stderr' ? ctx.logger.warn : ctx.logger.info)(line, { stream }),
  });
  const killNow = (): void => {
    if (answer || killed) return;
    killed = true;
    end();
  };
  const stopWatching = watchSignals(run, handle, killNow);
  sendStart(run, handle);
  const ended = (await Promise.race([handle.ended, givenUp])) ?? stillRunning(run);
  cancelEndWait();
  stopWatching();
  return answer ?? { ok: false, error: crashError(isolation, ended, killed), killed };
}

/** A worker that did not end within {@link END_AFTER_KILL_MS} of its kill: the attempt ends without it. */
function stillRunning({ isolation, ctx }: WorkerRun): WorkerEnd {
  ctx.logger.warn(
    `The job's ${isolation.mode === 'thread' ? 'worker thread' : 'child process'} has not ended ${END_AFTER_KILL_MS} ms after it was killed (blocked in a system call?); the attempt ends without it`,
  );
  return { exitCode: null, signal: null, outOfMemory: false, stillRunning: true };
}

/** Hands a message of the body to `isolation.onMessage`; a throw there is logged on the run's logger. */
function deliver({ isolation, ctx }: WorkerRun, value: unknown): void {
  try {
    isolation.onMessage?.(value, { job: ctx.job, runId: ctx.runId, attempt: ctx.attempt });
  } catch (error) {
    ctx.logger.error('isolation.onMessage threw; the message is dropped', { error: (error as Error).message });
  }
}

function sendStart({ isolation, ctx }: WorkerRun, handle: WorkerHandle): void {
  handle.send({
    type: 'start',
    module: isolation.module,
    exportName: isolation.exportName,
    data: isolation.data,
    context: {
      runId: ctx.runId,
      job: ctx.job,
      attempt: ctx.attempt,
      scheduledFor: ctx.scheduledFor,
      latenessMs: ctx.latenessMs,
      trigger: ctx.trigger,
      nowMs: ctx.now(),
      dependencies: [...ctx.dependencies.entries()],
    },
  });
}

/** Forwards an abort to the worker and arms the kill after the grace; `kill` kills at once. Returns the cleanup. */
function watchSignals({ isolation, ctx, clock, kill }: WorkerRun, handle: WorkerHandle, killNow: () => void) {
  const cleanups: (() => void)[] = [];
  const onAbort = (): void => {
    handle.send({ type: 'abort', reason: abortReasonData(ctx.signal.reason, ctx.job) });
    if (isolation.killGraceMs === 0) killNow();
    else cleanups.push(afterGrace(clock, isolation.killGraceMs, killNow));
  };
  if (kill.aborted) killNow();
  kill.addEventListener('abort', killNow, { once: true });
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  return (): void => {
    kill.removeEventListener('abort', killNow);
    ctx.signal.removeEventListener('abort', onAbort);
    for (const cleanup of cleanups) cleanup();
  };
}
