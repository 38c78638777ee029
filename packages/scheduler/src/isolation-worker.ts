/**
 * The main module of an isolated job's worker thread or child process (not a public entry point):
 * wires the thread's port or the process's IPC channel to `serveJob`.
 *
 * @internal
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads';
import { serializeError } from './core/serialized-error.js';
import type { HostMessage, WorkerMessage } from './isolation/protocol.js';
import { serveJob, type WorkerChannel } from './isolation/serve-job.js';

function threadChannel(port: NonNullable<typeof parentPort>): WorkerChannel {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (message: HostMessage) => listener(message)),
  };
}

function processChannel(): WorkerChannel {
  const send = (message: WorkerMessage): void => {
    process.send?.(message);
  };
  // An uncaught error ends the process (code 1) like Node's default, after telling the scheduler what it was.
  process.on('uncaughtException', (error) => {
    process.send?.({ type: 'uncaught', error: serializeError(error) }, () => process.exit(1));
  });
  return {
    send,
    onMessage: (listener) => process.on('message', (message: HostMessage) => listener(message)),
  };
}

serveJob(parentPort ? threadChannel(parentPort) : processChannel());
