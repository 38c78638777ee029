import { Worker } from 'node:worker_threads';
import { isWorkerMessage } from './protocol.js';
import { THREAD_SCRIPT } from './worker-entry.js';
import type { WorkerEnd, WorkerHandle, WorkerSpawn } from './worker-handle.js';

/** Starts an isolated job's worker thread (with the scheduler's Node options, `new Worker`'s default). @internal */
export function spawnThread(spawn: WorkerSpawn): WorkerHandle {
  const worker = new Worker(THREAD_SCRIPT.script, {
    eval: THREAD_SCRIPT.eval,
    ...(spawn.memoryLimitMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: spawn.memoryLimitMb } }),
  });
  let uncaught: unknown;
  let exited = false;
  worker.on('message', (message: unknown) => {
    if (isWorkerMessage(message)) spawn.onMessage(message);
  });
  // An uncaught error or a heap past its limit: the thread ends, the scheduler does not.
  worker.on('error', (error) => {
    uncaught ??= error;
  });
  const ended = new Promise<WorkerEnd>((resolve) => {
    worker.once('exit', (exitCode) => {
      exited = true;
      const outOfMemory = (uncaught as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      resolve({ exitCode, signal: null, outOfMemory, ...(uncaught === undefined ? {} : { uncaught }) });
    });
  });
  return {
    send: (message) => {
      if (!exited) worker.postMessage(message);
    },
    kill: () => {
      // A thread blocked in a system call ends only when the call returns: it must not hold the process meanwhile.
      worker.unref();
      void worker.terminate();
    },
    ended,
  };
}
