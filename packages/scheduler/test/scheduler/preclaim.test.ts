import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import { MINUTE } from '../../src/testing.js';
import { allRuns, harness, T0 } from './helpers.js';

describe('pre-claim: a slot is claimed a few ms ahead, the job starts at the slot', () => {
  it('claims the slot ahead and starts the job exactly at the slot, never before', async () => {
    const startedAt: number[] = [];
    await using h = harness([{ name: 'minute', schedule: '* * * * *', run: (ctx) => void startedAt.push(ctx.now()) }]);
    await h.scheduler.start();
    await h.clock.advance(MINUTE - 5);
    expect((await h.store.listRunning('minute')).map((r) => r.scheduledFor.getTime())).toEqual([T0 + MINUTE]);
    expect(startedAt).toEqual([]);
    await h.clock.advance(5);
    expect(startedAt).toEqual([T0 + MINUTE]);
    expect(h.finished[0]).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
    await h.scheduler.stop();
  });

  it('decides overlap at the slot: a run ending within the lead does not make the next slot skip', async () => {
    await using h = harness([
      {
        name: 'almost-a-minute',
        schedule: '* * * * *',
        run: (ctx) => sleep(h.clock, MINUTE - 5, { signal: ctx.signal }),
      },
    ]);
    await h.scheduler.start();
    await h.clock.advance(3 * MINUTE + 1);
    const runs = await allRuns(h.store, 'almost-a-minute');
    expect(runs.map((r) => [(r.scheduledFor.getTime() - T0) / MINUTE, r.status])).toEqual([
      [1, 'succeeded'],
      [2, 'succeeded'],
      [3, 'running'],
    ]);
    await h.scheduler.stop();
  });

  it('does not pre-claim a paused job: its slot is recorded skipped at the slot itself', async () => {
    await using h = harness([{ name: 'paused', schedule: '* * * * *' }]);
    await h.scheduler.start();
    await h.scheduler.pause('paused');
    await h.clock.advance(MINUTE - 5);
    expect(await allRuns(h.store, 'paused')).toEqual([]);
    await h.clock.advance(5);
    expect((await allRuns(h.store, 'paused')).map((r) => [r.status, r.reason, r.createdAt.getTime()])).toEqual([
      ['skipped', 'paused', T0 + MINUTE],
    ]);
    await h.scheduler.stop();
  });
});
