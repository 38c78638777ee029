/** The messages between the scheduler and an isolated job's worker (structured clones). */
import type { SerializedError } from '../core/serialized-error.js';
import type { RunRecord, RunTrigger } from '../store/types.js';

/** The context of one attempt, as sent to the worker. @internal */
export interface WorkerContextData {
  runId: string;
  job: string;
  attempt: number;
  scheduledFor: Date;
  latenessMs: number;
  trigger: RunTrigger;
  /** The scheduler's time when the attempt started; the worker adds the real time elapsed since. */
  nowMs: number;
  dependencies: [string, RunRecord][];
}

/** Why the worker's `ctx.signal` aborts, rebuilt there as the library's own error. @internal */
export type AbortReasonData =
  | { kind: 'timeout'; timeoutMs: number; job: string }
  | { kind: 'cancel'; reason: 'shutdown' | 'replaced' | 'lease-lost' | 'user'; message: string }
  | { kind: 'other'; error: SerializedError };

/** Scheduler → worker. @internal */
export type HostMessage =
  | { type: 'start'; module: string; exportName: string; data: unknown; context: WorkerContextData }
  | { type: 'abort'; reason: AbortReasonData };

/** Worker → scheduler. @internal */
export type WorkerMessage =
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }
  | { type: 'heartbeat'; progress?: unknown }
  | { type: 'message'; value: unknown }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: SerializedError; retryable: boolean }
  /** A child process's uncaught error, sent just before it exits with code 1 (a thread reports it through its `error` event). */
  | { type: 'uncaught'; error: SerializedError };

/** @internal Whether `value` is a message from the worker (anything else it posts is ignored). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return ['log', 'heartbeat', 'message', 'result', 'error', 'uncaught'].includes(type as string);
}
