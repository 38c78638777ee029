import type { Logger } from '../core/logger.js';
import { dependencyRuns } from '../job/dependency-runs.js';
import type { JobContext } from '../job/types.js';
import type { WorkerContextData, WorkerMessage } from './protocol.js';

/** Sends one message to the scheduler. @internal */
export type SendToHost = (message: WorkerMessage) => void;

/**
 * The `ctx` a job sees inside its worker: the attempt's fields as sent, `now()` as the scheduler's
 * time at the start plus the real time elapsed since, and logger and heartbeat posting to the scheduler.
 *
 * @internal
 */
export function workerContext(data: WorkerContextData, signal: AbortSignal, send: SendToHost): JobContext {
  const startedAt = performance.now();
  return {
    signal,
    runId: data.runId,
    job: data.job,
    attempt: data.attempt,
    scheduledFor: data.scheduledFor,
    latenessMs: data.latenessMs,
    trigger: data.trigger,
    now: () => data.nowMs + Math.round(performance.now() - startedAt),
    logger: workerLogger(send),
    heartbeat: async (progress) =>
      send(progress === undefined ? { type: 'heartbeat' } : { type: 'heartbeat', progress }),
    dependencies: dependencyRuns(new Map(data.dependencies)),
  };
}

function workerLogger(send: SendToHost): Logger {
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void =>
      send(fields === undefined ? { type: 'log', level, message } : { type: 'log', level, message, fields });
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
