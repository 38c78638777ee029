import type { IsolationOptions, JobOptions, LogFields, Logger, Scheduler, SchedulerEventMap } from '../../src/index.js';
import { createMemoryStore, createScheduler, defineJob } from '../../src/index.js';
import { createFakeClock, type FakeClock } from '../../src/testing.js';

/** A Sunday, midnight UTC. */
export const T0 = Date.parse('2026-03-01T00:00:00.000Z');

/** The `file:` URL of a fixture module. */
export function fixture(name: string): URL {
  return new URL(`./fixtures/${name}.mjs`, import.meta.url);
}

/** An isolated job's options: `isolation` filled from the fixture name and mode. */
export function isolated(
  mode: IsolationOptions['mode'],
  name: string,
  options: Omit<JobOptions, 'run' | 'isolation' | 'name'> & { name?: string; isolation?: Partial<IsolationOptions> },
): JobOptions {
  const { isolation, ...rest } = options;
  return { name: name, ...rest, isolation: { mode, module: fixture(name), ...isolation } };
}

/** Log lines, kept. */
export interface LogLine {
  level: string;
  message: string;
  fields: LogFields | undefined;
}

/** A scheduler on a fake clock and a memory store; disposing it stops the scheduler. */
export function isolationHarness(
  jobs: JobOptions[],
  options: { maxConcurrency?: number; shutdownGraceMs?: number } = {},
) {
  const clock: FakeClock = createFakeClock(T0);
  const store = createMemoryStore({ clock });
  const lines: LogLine[] = [];
  const line =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      lines.push({ level, message, fields });
    };
  const logger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  const scheduler = createScheduler({ jobs: jobs.map((job) => defineJob(job)), store, clock, logger, ...options });
  return {
    clock,
    store,
    scheduler,
    lines,
    next: <E extends keyof SchedulerEventMap>(
      event: E,
      when: (payload: SchedulerEventMap[E]) => boolean = () => true,
    ) => nextEvent(scheduler, event, when),
    [Symbol.asyncDispose]: () => scheduler[Symbol.asyncDispose](),
  };
}

/** The next `event` whose payload matches `when`. */
export function nextEvent<E extends keyof SchedulerEventMap>(
  scheduler: Scheduler,
  event: E,
  when: (payload: SchedulerEventMap[E]) => boolean = () => true,
): Promise<SchedulerEventMap[E]> {
  return new Promise((resolve) => {
    const off = scheduler.on(event, (payload) => {
      if (!when(payload)) return;
      off();
      resolve(payload);
    });
  });
}
