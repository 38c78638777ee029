import { JobCrashedError, type WorkerExit } from '../core/errors.js';
import { nonRetryable } from '../core/retryable.js';
import type { SerializedError } from '../core/serialized-error.js';
import type { JobIsolation } from '../job/types.js';
import type { WorkerEnd } from './worker-handle.js';

/**
 * An error thrown inside a worker, rebuilt in the scheduler: its name, message, code, stack,
 * `data` and causes as they were serialised there, and `retryable: false` when the job marked
 * it so. Its class is `Error` (the job's own class stays in the worker).
 *
 * @internal
 */
export function remoteError(serialized: SerializedError, retryable = true): Error {
  const cause = serialized.cause === undefined ? undefined : remoteError(serialized.cause);
  const error = new Error(serialized.message, cause === undefined ? undefined : { cause });
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  if (serialized.code !== undefined) Object.assign(error, { code: serialized.code });
  if (serialized.data !== undefined) Object.assign(error, { data: serialized.data });
  return retryable ? error : nonRetryable(error);
}

/** The failure of a worker that ended without an answer: out of memory, exit, crash, or killed. @internal */
export function crashError(isolation: JobIsolation, end: WorkerEnd, killed: boolean): JobCrashedError {
  const exit: WorkerExit = {
    mode: isolation.mode,
    exitCode: end.exitCode,
    signal: end.signal,
    reason: killed
      ? 'killed'
      : end.outOfMemory
        ? 'out-of-memory'
        : end.uncaught !== undefined || end.signal
          ? 'crash'
          : 'exit',
  };
  const cause = uncaughtError(end.uncaught);
  const message = crashMessage(isolation, exit, end.stillRunning === true);
  return new JobCrashedError(message, exit, cause === undefined ? undefined : { cause });
}

function crashMessage(isolation: JobIsolation, exit: WorkerExit, stillRunning: boolean): string {
  const worker = isolation.mode === 'thread' ? 'worker thread' : 'child process';
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.exitCode}`;
  switch (exit.reason) {
    case 'killed':
      return stillRunning
        ? `The job's ${worker} was killed, still running ${isolation.killGraceMs} ms after its signal was aborted, but has not ended (blocked in a system call?); it ends when the call returns.${isolation.mode === 'thread' ? " Use mode 'process' for a job that can block in a system call." : ''}`
        : `The job's ${worker} was killed: still running ${isolation.killGraceMs} ms after its signal was aborted (${how}).`;
    case 'out-of-memory':
      return `The job's ${worker} ran out of memory (isolation.memoryLimitMb: ${isolation.memoryLimitMb ?? "Node's default"}; ${how}). Raise the limit or process the data in smaller pieces.`;
    case 'crash':
      return `The job's ${worker} crashed (${how}) before returning a result.`;
    case 'exit':
      return `The job's ${worker} exited (${how}) before returning a result; a job returns its result instead of calling process.exit().`;
  }
}

function uncaughtError(uncaught: unknown): Error | undefined {
  if (uncaught === undefined) return undefined;
  if (uncaught instanceof Error) return uncaught;
  if (typeof uncaught === 'object' && uncaught !== null && 'message' in uncaught) {
    return remoteError(uncaught as SerializedError);
  }
  return new Error(String(uncaught));
}
