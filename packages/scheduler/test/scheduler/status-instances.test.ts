import { describe, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, type JobContext } from '../../src/index.js';
import { createFakeClock, DAY, MINUTE, SECOND } from '../../src/testing.js';
import { T0 } from './helpers.js';

/** A job that reports progress, then waits until `release()` is called. */
function blockingJob() {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let heartbeated = (): void => {};
  const progressed = new Promise<void>((resolve) => {
    heartbeated = resolve;
  });
  const run = async (ctx: JobContext) => {
    await ctx.heartbeat({ done: 1, total: 4 });
    heartbeated();
    await released;
  };
  return { job: defineJob({ name: 'import', schedule: '0 0 1 1 *', run }), release, progressed };
}

describe('scheduler.status() across instances', () => {
  it('sees a run in progress held by another scheduler sharing the store, with its owner, progress and lease', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    const { job, release, progressed } = blockingJob();
    await using a = createScheduler({ jobs: [job], store, clock, instanceId: 'host-a', leaseMs: 30 * SECOND });
    await using b = createScheduler({ jobs: [job], store, clock, instanceId: 'host-b', leaseMs: 30 * SECOND });
    await a.start();
    const run = a.trigger('import');
    await progressed;
    await clock.advance(10 * SECOND); // a's lease keeper renews every 10 s

    const [seen] = await b.status();
    expect(seen?.running).toBe(0); // none on b itself
    expect(seen?.inProgress).toMatchObject([
      { instanceId: 'host-a', trigger: 'manual', progress: { done: 1, total: 4 }, ownerDead: false },
    ]);
    expect(seen?.inProgress[0]?.leaseExpiresAt?.getTime()).toBe(T0 + 40 * SECOND);
    expect((await a.status())[0]).toMatchObject({ running: 1, inProgress: [{ instanceId: 'host-a' }] });

    release();
    expect((await run).status).toBe('succeeded');
    expect((await b.status())[0]?.inProgress).toEqual([]);
    await a.stop();
  });

  it('reports a run whose owner stopped heartbeating as owner dead once its lease expired', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    const job = defineJob({ name: 'import', schedule: '0 0 1 1 *', run: () => 'ok' });
    await using b = createScheduler({ jobs: [job], store, clock, instanceId: 'host-b' });
    await store.init();
    const claim = { job: 'import', scheduledFor: new Date(T0), trigger: 'schedule' as const, leaseMs: 30 * SECOND };
    await store.claimRun({ ...claim, id: 'ghost-run', claimKey: 'slot', instanceId: 'host-gone' });

    expect((await b.status())[0]?.inProgress).toMatchObject([{ id: 'ghost-run', ownerDead: false }]);
    await clock.advance(31 * SECOND);
    expect((await b.status())[0]?.inProgress).toMatchObject([
      { id: 'ghost-run', instanceId: 'host-gone', ownerDead: true, leaseExpiresAt: new Date(T0 + 30 * SECOND) },
    ]);
  });

  it('gives the failure streak, last success and last failure (manual runs included) and the 7-day success rate', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    let fail = false;
    const job = defineJob({
      name: 'flaky',
      schedule: '0 12 * * *',
      retry: { attempts: 1 },
      run: () => {
        if (fail) throw new Error('upstream down');
        return 'ok';
      },
    });
    await using scheduler = createScheduler({ jobs: [job], store, clock });
    await scheduler.start();
    await clock.advance(12 * 60 * MINUTE); // the 12:00 slot succeeds
    await clock.advance(MINUTE);
    const manualSuccess = await scheduler.trigger('flaky');
    fail = true;
    await clock.advance(MINUTE);
    await scheduler.trigger('flaky');
    await clock.advance(MINUTE);
    const manualFailure = await scheduler.trigger('flaky');

    const [status] = await scheduler.status();
    expect(status).toMatchObject({ consecutiveFailures: 2, successRate7d: 0.5 });
    expect(status?.lastSuccess?.id).toBe(manualSuccess.id);
    expect(status?.lastFailure).toMatchObject({ id: manualFailure.id, trigger: 'manual', status: 'failed' });
    expect(status?.lastRun?.id).toBe(manualFailure.id);

    await scheduler.stop();
    await using later = createScheduler({ jobs: [job], store, clock });
    await clock.advance(8 * DAY);
    const [week] = await later.status(); // before start: reads only
    expect(week).toMatchObject({ consecutiveFailures: 2, successRate7d: undefined });
    expect(week?.lastSuccess?.id).toBe(manualSuccess.id);
  });
});
