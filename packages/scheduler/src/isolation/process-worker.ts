import { type ChildProcess, fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { isWorkerMessage } from './protocol.js';
import { PROCESS_EXEC_ARGV, WORKER_ENTRY } from './worker-entry.js';
import type { WorkerEnd, WorkerHandle, WorkerSpawn } from './worker-handle.js';

/** What V8 prints when a heap limit is reached, before it aborts the process. */
const OUT_OF_MEMORY = /heap out of memory|JavaScript out of memory/i;

/**
 * Starts an isolated job's child process, leader of its own process group (`detached`), so
 * killing the group also kills the processes the job started. Messages use the `advanced`
 * serialisation (structured clone: dates, maps). Its output is read line by line.
 *
 * @internal
 */
export function spawnProcess(spawn: WorkerSpawn): WorkerHandle {
  const memory = spawn.memoryLimitMb === undefined ? [] : [`--max-old-space-size=${spawn.memoryLimitMb}`];
  const child = fork(WORKER_ENTRY, [], {
    // The scheduler's own Node options first (fork's default: a loader such as tsx applies to job modules too).
    execArgv: [...process.execArgv, ...PROCESS_EXEC_ARGV, ...memory],
    serialization: 'advanced',
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let uncaught: unknown;
  let outOfMemory = false;
  child.on('message', (message: unknown) => {
    if (!isWorkerMessage(message)) return;
    if (message.type === 'uncaught') uncaught = message.error;
    else spawn.onMessage(message);
  });
  readLines(child.stdout, (line) => spawn.onOutput('stdout', line));
  readLines(child.stderr, (line) => {
    if (OUT_OF_MEMORY.test(line)) outOfMemory = true;
    spawn.onOutput('stderr', line);
  });
  const ended = new Promise<WorkerEnd>((resolve) => {
    // A fork that fails (no such file, no resources) reports `error`, then `close` without running anything.
    child.once('error', (error) => {
      uncaught ??= error;
    });
    // The child is gone: kill what it left behind, which also closes pipes a grandchild inherited.
    child.once('exit', () => killGroup(child));
    child.once('close', (exitCode, signal) => {
      resolve({ exitCode, signal, outOfMemory, ...(uncaught === undefined ? {} : { uncaught }) });
    });
  });
  return {
    send: (message) => {
      if (child.connected) child.send(message, () => undefined);
    },
    kill: () => {
      child.unref();
      killGroup(child);
    },
    ended,
  };
}

/** SIGKILL to the whole process group (the child and whatever it started); nothing left is fine. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

function readLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
}
