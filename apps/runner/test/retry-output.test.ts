/** `run` says what happens during retries: a line on a terminal, a warn log line elsewhere. */
import { createMemoryStore, createScheduler, defineJob } from '@pokemon/scheduler';
import { createFakeClock, SECOND } from '@pokemon/scheduler/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { watchRuns } from '../src/output/progress.js';

/** A job failing its first attempt, retried after 30 s, on a fake clock; returns what `watchRuns` wrote. */
async function watchFlakyRun(interactive: boolean): Promise<{ terminal: string; logs: Record<string, unknown>[] }> {
  const clock = createFakeClock(new Date('2026-06-01T00:00:00Z'));
  let calls = 0;
  const job = defineJob({
    name: 'flaky-sync',
    schedule: '@daily',
    retry: { attempts: 2, backoff: 'fixed', initialDelayMs: 30 * SECOND, jitter: false },
    run: async () => {
      calls++;
      if (calls === 1) throw new Error('fetch failed: connection refused');
      return { ok: true };
    },
  });
  await using scheduler = createScheduler({ jobs: [job], store: createMemoryStore({ clock }), clock });
  let terminal = '';
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const watch = watchRuns({
    runner: { scheduler },
    logger,
    stream: { write: (chunk: string) => (terminal += chunk), isTTY: interactive },
    interactive,
  });
  scheduler.on('run:retry-scheduled', () => {
    setImmediate(() => void clock.advance(30 * SECOND));
  });
  const run = await scheduler.trigger('flaky-sync');
  watch.stop();
  expect(run.status).toBe('succeeded');
  return { terminal, logs: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('run: retries are shown as they happen', () => {
  it('on a terminal: "attempt 1 failed: …; retrying in 30 s"', async () => {
    const { terminal } = await watchFlakyRun(true);
    expect(terminal).toContain('↻ flaky-sync attempt 1 failed: fetch failed: connection refused; retrying in 30 s\n');
    expect(terminal.indexOf('retrying')).toBeLessThan(terminal.indexOf('✔ flaky-sync succeeded'));
  });

  it('elsewhere: the same sentence as a warn log line with the fields', async () => {
    const { logs } = await watchFlakyRun(false);
    const retry = logs.find((line) => line.attempt === 1 && line.level === 40);
    expect(retry).toMatchObject({
      msg: 'attempt 1 failed: fetch failed: connection refused; retrying in 30 s',
      job: 'flaky-sync',
      delayMs: 30_000,
      error: { message: 'fetch failed: connection refused' },
    });
  });
});
