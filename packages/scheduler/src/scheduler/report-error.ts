import type { Logger } from '../core/logger.js';
import { serializeError } from '../core/serialized-error.js';
import type { SchedulerEmitter } from '../run/emitter.js';

/** Logs a failed background operation of the scheduler and emits `scheduler:operation-failed`. @internal */
export function reportOperationError(
  logger: Logger,
  emitter: SchedulerEmitter,
  operation: string,
  error: unknown,
  retryInMs: number,
): void {
  logger.error(`Scheduler ${operation} failed${retryInMs > 0 ? `; retrying in ${retryInMs} ms` : ''}`, {
    operation,
    error,
  });
  emitter.emit('scheduler:operation-failed', { error: serializeError(error), operation, retryInMs });
}
