import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import type { OverlapPolicy } from '../../src/index.js';
import { SECOND } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

async function runPolicy(overlap: OverlapPolicy, durationMs = 25 * SECOND, horizonMs = 40 * SECOND) {
  const starts: { slot: number; at: number }[] = [];
  const h = harness([
    {
      name: 'slow',
      schedule: '*/10 * * * * *',
      overlap,
      run: async (ctx) => {
        starts.push({ slot: ctx.scheduledFor.getTime() - T0, at: ctx.now() - T0 });
        await sleep(h.clock, durationMs, { signal: ctx.signal });
      },
    },
  ]);
  await h.scheduler.start();
  await h.clock.advance(horizonMs);
  const byStatus = (status: string) =>
    h.finished.filter((r) => r.status === status).map((r) => r.scheduledFor.getTime() - T0);
  return { h, starts, byStatus, [Symbol.asyncDispose]: () => h[Symbol.asyncDispose]() };
}

describe('overlap policies (slot due while the previous run is still running)', () => {
  it('skip (default): records the overlapping slots skipped with reason overlap', async () => {
    await using run = await runPolicy('skip');
    const { h, starts, byStatus } = run;
    expect(starts).toEqual([
      { slot: 10 * SECOND, at: 10 * SECOND },
      { slot: 40 * SECOND, at: 40 * SECOND },
    ]);
    expect(byStatus('skipped')).toEqual([20 * SECOND, 30 * SECOND]);
    expect(h.finished.filter((r) => r.status === 'skipped').every((r) => r.reason === 'overlap')).toBe(true);
    expect(byStatus('succeeded')).toEqual([10 * SECOND]);
    await h.scheduler.stop();
  });

  it('buffer-one: runs one buffered slot after the running one, skips the rest', async () => {
    await using run = await runPolicy('buffer-one', 25 * SECOND, 60 * SECOND);
    const { h, starts, byStatus } = run;
    expect(starts.slice(0, 2)).toEqual([
      { slot: 10 * SECOND, at: 10 * SECOND },
      { slot: 20 * SECOND, at: 35 * SECOND },
    ]);
    expect(byStatus('skipped').slice(0, 1)).toEqual([30 * SECOND]);
    await h.scheduler.stop();
  });

  it('buffer-all: runs every slot in turn', async () => {
    await using run = await runPolicy('buffer-all', 25 * SECOND, 60 * SECOND);
    const { h, starts } = run;
    expect(starts.slice(0, 3)).toEqual([
      { slot: 10 * SECOND, at: 10 * SECOND },
      { slot: 20 * SECOND, at: 35 * SECOND },
      { slot: 30 * SECOND, at: 60 * SECOND },
    ]);
    expect(h.finished.filter((r) => r.status === 'skipped')).toEqual([]);
    await h.scheduler.stop();
  });

  it('cancel-other: aborts the running run (reason replaced) and starts the new one once it stopped', async () => {
    await using run = await runPolicy('cancel-other', 25 * SECOND, 20 * SECOND);
    const { h, starts } = run;
    expect(starts).toEqual([
      { slot: 10 * SECOND, at: 10 * SECOND },
      { slot: 20 * SECOND, at: 20 * SECOND },
    ]);
    const first = h.finished.find((r) => r.scheduledFor.getTime() === T0 + 10 * SECOND)!;
    expect(first.status).toBe('cancelled');
    expect(first.reason).toBe('replaced');
    expect(first.error?.code).toBe('JOB_CANCELLED');
    await h.scheduler.stop();
  });

  it('allow-all: runs concurrently', async () => {
    await using run = await runPolicy('allow-all', 25 * SECOND, 30 * SECOND);
    const { h, starts } = run;
    expect(starts.map((s) => s.at)).toEqual([10 * SECOND, 20 * SECOND, 30 * SECOND]);
    expect((await h.scheduler.status())[0]?.running).toBe(3);
    await h.scheduler.stop();
  });

  it('sees runs of another instance sharing the store', async () => {
    await using a = harness(
      [{ name: 'slow', schedule: '*/10 * * * * *', run: (ctx) => sleep(a.clock, 25 * SECOND, { signal: ctx.signal }) }],
      {
        instanceId: 'a',
      },
    );
    await using b = harness([{ name: 'slow', schedule: '0 0 1 1 *' }], {
      instanceId: 'b',
      clock: a.clock,
      store: a.store,
    });
    await a.scheduler.start();
    await b.scheduler.start();
    await a.clock.advance(15 * SECOND);
    const manual = await b.scheduler.trigger('slow');
    expect(manual.status).toBe('skipped');
    expect(manual.reason).toBe('overlap');
    await a.scheduler.stop();
    await b.scheduler.stop();
  });
});
