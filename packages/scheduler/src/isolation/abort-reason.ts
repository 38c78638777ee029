import { JobCancelledError, JobTimeoutError } from '../core/errors.js';
import { serializeError } from '../core/serialized-error.js';
import type { AbortReasonData } from './protocol.js';

/** What the scheduler sends for the reason its signal aborted with (`job`: the job's name, for a timeout's message). @internal */
export function abortReasonData(reason: unknown, job: string): AbortReasonData {
  if (reason instanceof JobTimeoutError) return { kind: 'timeout', timeoutMs: reason.timeoutMs, job };
  if (reason instanceof JobCancelledError) return { kind: 'cancel', reason: reason.reason, message: reason.message };
  return { kind: 'other', error: serializeError(reason) };
}

/** The abort reason the job sees in its worker, rebuilt as the library's own error so `instanceof` checks hold. @internal */
export function abortReason(data: AbortReasonData): Error {
  if (data.kind === 'timeout') return new JobTimeoutError(data.timeoutMs, data.job);
  if (data.kind === 'cancel') return new JobCancelledError(data.reason, data.message);
  return Object.assign(new Error(data.error.message), { name: data.error.name, code: data.error.code });
}
