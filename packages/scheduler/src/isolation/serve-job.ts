import { isRetryable } from '../core/retryable.js';
import { serializeError } from '../core/serialized-error.js';
import { missingExport } from '../job/isolation-options.js';
import { abortReason } from './abort-reason.js';
import type { HostMessage, WorkerMessage } from './protocol.js';
import { type SendToHost, workerContext } from './worker-context.js';

/** How the worker talks to the scheduler: a thread's port or a child process's IPC channel. @internal */
export interface WorkerChannel {
  send(message: WorkerMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

/**
 * The worker's side of one attempt: waits for `start`, loads the module, calls its export with
 * the rebuilt context and sends back the result or the error (serialised, with its code and
 * whether it may be retried). An `abort` message aborts `ctx.signal` with the scheduler's reason.
 * The scheduler ends the worker once it has the answer.
 *
 * @internal
 */
export function serveJob(channel: WorkerChannel): void {
  const controller = new AbortController();
  const send = safeSend(channel);
  channel.onMessage((message) => {
    if (message.type === 'abort') controller.abort(abortReason(message.reason));
    else if (message.type === 'start') void runJob(message, controller.signal, send);
  });
}

async function runJob(start: Extract<HostMessage, { type: 'start' }>, signal: AbortSignal, send: SendToHost) {
  try {
    const loaded = (await import(start.module)) as Record<string, unknown>;
    const fn = loaded[start.exportName];
    if (typeof fn !== 'function') throw missingExport(start);
    const port = { post: (value: unknown) => send({ type: 'message', value }) };
    const value: unknown = await fn(workerContext(start.context, signal, send), start.data, port);
    send({ type: 'result', value });
  } catch (thrown) {
    send({ type: 'error', error: serializeError(thrown), retryable: isRetryable(thrown) });
  }
}

/** A send that never throws: a value that cannot be cloned (a function in a result or log field) becomes an error saying so. */
function safeSend(channel: WorkerChannel): SendToHost {
  return (message) => {
    try {
      channel.send(message);
    } catch (error) {
      const what = message.type === 'result' ? 'The job returned a value that' : `A ${message.type} message`;
      const failure = new TypeError(
        `${what} cannot cross to the scheduler (${(error as Error).message}); use plain data.`,
      );
      channel.send({ type: 'error', error: serializeError(failure), retryable: message.type !== 'result' });
    }
  };
}
