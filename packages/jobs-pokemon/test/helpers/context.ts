import type { JobContext, Logger } from '@pokemon/scheduler';

/** A log line recorded by {@link makeContext}'s logger. */
interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** A JobContext for calling `job.run(ctx)` directly, recording heartbeats and logs. */
interface TestContext extends JobContext {
  heartbeats: unknown[];
  logs: LogLine[];
}

function recordingLogger(logs: LogLine[]): Logger {
  const at =
    (level: LogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logs.push({ level, message, fields });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function makeContext(
  options: { signal?: AbortSignal; now?: () => number; job?: string; onHeartbeat?: (progress: unknown) => void } = {},
): TestContext {
  const heartbeats: unknown[] = [];
  const logs: LogLine[] = [];
  const now = options.now ?? (() => Date.now());
  return {
    signal: options.signal ?? new AbortController().signal,
    runId: 'run-test',
    job: options.job ?? 'test-job',
    attempt: 1,
    scheduledFor: new Date(now()),
    latenessMs: 0,
    trigger: 'manual',
    now,
    logger: recordingLogger(logs),
    async heartbeat(progress?: unknown) {
      heartbeats.push(progress);
      options.onHeartbeat?.(progress);
    },
    dependencies: new Map(),
    heartbeats,
    logs,
  };
}
