// What crosses the boundary: the context in, progress and logs out, the result and errors back
// with their codes, in a worker thread and in a child process alike.
import { describe, expect, it } from 'vitest';
import { defineJob } from '../../src/index.js';
import { fixture, isolated, isolationHarness, T0 } from './harness.js';

describe.each(['thread', 'process'] as const)('an isolated job in a %s', (mode) => {
  it('sees its context, and its progress and logs reach history and the logger', async () => {
    const upstream = { name: 'upstream', schedule: '0 0 1 1 *', run: () => ({ cards: 12 }) };
    const echo = isolated(mode, 'echo', {
      schedule: '0 0 1 1 *',
      dependsOn: ['upstream'],
      isolation: {
        data: { page: 3, since: new Date(T0) },
        onMessage: (message, from) => messages.push({ message, from }),
      },
    });
    const messages: unknown[] = [];
    await using h = isolationHarness([upstream, echo]);
    const progress = h.next('run:progress-reported', (e) => e.job === 'echo');
    await h.scheduler.start();
    await h.scheduler.trigger('upstream');
    const run = await h.scheduler.trigger('echo');

    expect(run.status).toBe('succeeded');
    expect(run.result).toEqual({
      // Structured-cloned in (a Date stays a Date), stored as JSON out.
      data: { page: 3, since: new Date(T0).toISOString() },
      sinceIsDate: true,
      job: 'echo',
      attempt: 1,
      trigger: 'manual',
      scheduledFor: new Date(T0).toISOString(),
      signalAborted: false,
      now: expect.any(Number),
      upstream: { cards: 12 },
    });
    expect((run.result as { now: number }).now).toBeGreaterThanOrEqual(T0);
    expect((await progress).progress).toEqual({ done: 1, of: 2 });
    expect(messages).toEqual([
      { message: { finding: 'disk 91% full', at: new Date(0) }, from: { job: 'echo', runId: run.id, attempt: 1 } },
    ]);
    expect(run.progress).toEqual({ done: 1, of: 2 });
    const fromJob = h.lines.filter((line) => line.fields?.runId === run.id);
    expect(fromJob).toEqual(
      expect.arrayContaining([
        { level: 'info', message: 'hello from the worker', fields: expect.objectContaining({ job: 'echo', step: 1 }) },
        { level: 'warn', message: 'almost there', fields: expect.objectContaining({ attempt: 1 }) },
      ]),
    );
    // A thread writes to the scheduler's own stdout; a process's output is read and logged.
    if (mode === 'process') {
      expect(fromJob).toContainEqual({
        level: 'info',
        message: 'a line on stdout',
        fields: expect.objectContaining({ stream: 'stdout' }),
      });
    }
  });

  it('calls the export named by exportName', async () => {
    await using h = isolationHarness([
      isolated(mode, 'echo', { schedule: '0 0 1 1 *', isolation: { exportName: 'named' } }),
    ]);
    await h.scheduler.start();
    expect((await h.scheduler.trigger('echo')).result).toBe('from another export');
  });

  it('an error thrown inside comes back with its name, code and data; non-retryable stops the retries', async () => {
    const job = isolated(mode, 'crash', {
      schedule: '0 0 1 1 *',
      retry: { attempts: 3, initialDelayMs: 1 },
      isolation: { data: { how: 'throw', final: true } },
    });
    await using h = isolationHarness([job]);
    await h.scheduler.start();
    const run = await h.scheduler.trigger('crash');
    expect(run.status).toBe('failed');
    expect(run.attempts).toHaveLength(1);
    expect(run.error).toMatchObject({ name: 'Error', code: 'QUOTA', message: 'quota used up', data: { left: 0 } });
    expect(run.error?.stack).toContain('crash.mjs');
  });

  it('a module without the export fails at once, naming the export and the fix', async () => {
    const job = isolated(mode, 'echo', {
      schedule: '0 0 1 1 *',
      retry: { attempts: 3, initialDelayMs: 1 },
      isolation: { exportName: 'missing' },
    });
    await using h = isolationHarness([job]);
    await h.scheduler.start();
    const run = await h.scheduler.trigger('echo');
    expect(run.attempts).toHaveLength(1);
    expect(run.error).toMatchObject({
      code: 'NON_RETRYABLE',
      message: expect.stringContaining('no function export `missing`'),
    });
  });
});

it('job.run loads the module and calls it in the calling thread', async () => {
  const job = defineJob({
    name: 'echo',
    schedule: '0 0 1 1 *',
    isolation: { mode: 'thread', module: fixture('echo'), exportName: 'named' },
  });
  expect(job.isolation).toMatchObject({
    mode: 'thread',
    module: fixture('echo').href,
    exportName: 'named',
    killGraceMs: 5_000,
  });
  await expect(Promise.resolve(job.run({} as never))).resolves.toBe('from another export');
});
