// stop() on a fake clock: it resolves without the test moving time, trigger() always settles,
// and a run stopped by shutdown is recorded the same whether its job honoured the signal or not.
import { setTimeout as realDelay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, type RunRecord } from '../../src/index.js';
import { createFakeClock, HOUR } from '../../src/testing.js';

const T0 = Date.parse('2026-06-01T00:00:00Z');

function setup(run: (ctx: { signal: AbortSignal }) => Promise<unknown>, shutdownGraceMs: number) {
  const clock = createFakeClock(T0);
  const store = createMemoryStore({ clock });
  const job = defineJob({ name: 'work', schedule: '0 0 1 1 *', timeoutMs: HOUR, run });
  const scheduler = createScheduler({ jobs: [job], store, clock, shutdownGraceMs });
  return { clock, store, scheduler, [Symbol.asyncDispose]: () => scheduler[Symbol.asyncDispose]() };
}

/** Starts a manual run and waits (on the fake clock's settling, not real time) until its job has started. */
async function startManualRun(h: ReturnType<typeof setup>): Promise<{ triggered: Promise<RunRecord> }> {
  let started!: () => void;
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  h.scheduler.on('run:started', () => started());
  await h.scheduler.start();
  const triggered = h.scheduler.trigger('work');
  await running;
  return { triggered };
}

const ignoresSignal = () => new Promise<never>(() => {});
const honoursWithAbortError = (ctx: { signal: AbortSignal }) => realDelay(HOUR, undefined, { signal: ctx.signal });

describe('stop() with a job that ignores its signal', () => {
  it('resolves without advancing the fake clock (shutdownGraceMs: 0), and trigger() settles cancelled', async () => {
    await using h = setup(ignoresSignal, 0);
    const { triggered } = await startManualRun(h);
    await h.scheduler.stop();
    expect(h.clock.now()).toBe(T0);
    const record = await triggered;
    expect(record).toMatchObject({ status: 'cancelled', reason: 'shutdown', error: { code: 'JOB_CANCELLED' } });
    expect(await h.store.listRunning()).toEqual([]);
  });

  it('resolves after the grace period in real time when nobody moves the fake clock', async () => {
    await using h = setup(ignoresSignal, 20);
    const { triggered } = await startManualRun(h);
    await h.scheduler.stop();
    expect(h.clock.now()).toBe(T0);
    expect((await triggered).status).toBe('cancelled');
  });
});

describe('a run stopped by shutdown is recorded the same, honoured or not', () => {
  it.each([
    ['ignores its signal', ignoresSignal, undefined],
    ['rejects with an AbortError (node:timers/promises)', honoursWithAbortError, 'AbortError'],
  ])('a job that %s: cancelled, reason shutdown, JOB_CANCELLED', async (_label, run, causeName) => {
    await using h = setup(run, 50);
    const { triggered } = await startManualRun(h);
    await h.scheduler.stop();
    const record = await triggered;
    expect(record.status).toBe('cancelled');
    expect(record.reason).toBe('shutdown');
    expect(record.error).toMatchObject({ name: 'JobCancelledError', code: 'JOB_CANCELLED' });
    if (causeName) expect(record.error?.cause).toMatchObject({ name: causeName });
    const stored = await h.store.getRun(record.id);
    expect(stored).toMatchObject({ status: 'cancelled', reason: 'shutdown', error: { code: 'JOB_CANCELLED' } });
  });
});
