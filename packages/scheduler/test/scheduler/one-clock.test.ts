// One clock: a test passes its fake clock once, to createScheduler; a memory store created
// without a clock follows it, and one given a clock explicitly keeps its own.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, systemClock } from '../../src/index.js';
import { createFakeClock, DAY, HOUR } from '../../src/testing.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');

describe('one clock', () => {
  it('a memory store created without a clock follows the fake clock of its scheduler', async () => {
    const clock = createFakeClock(T0);
    const ran: string[] = [];
    const job = defineJob({
      name: 'hourly',
      schedule: '0 * * * *',
      run: (ctx) => {
        ran.push(ctx.scheduledFor.toISOString());
      },
    });
    await using store = createMemoryStore();
    await using scheduler = createScheduler({ jobs: [job], store, clock });
    await scheduler.start();
    await clock.advance(DAY);
    expect(ran).toHaveLength(24);
    const runs = await store.listRuns({ job: 'hourly', limit: 100 });
    expect(runs.runs[0]?.createdAt.getTime()).toBeGreaterThanOrEqual(T0);
    expect(runs.runs[0]?.createdAt.getTime()).toBeLessThanOrEqual(T0 + DAY);
  });

  it('a clock given to the store explicitly wins', async () => {
    const clock = createFakeClock(T0);
    const storeClock = createFakeClock(T0 + HOUR);
    await using store = createMemoryStore({ clock: storeClock });
    const job = defineJob({ name: 'manual', schedule: '0 0 1 1 *', run: () => undefined });
    await using scheduler = createScheduler({ jobs: [job], store, clock });
    const record = await scheduler.trigger('manual');
    expect(record.createdAt.getTime()).toBe(T0 + HOUR);
  });

  it('a store is lent a clock once: the system clock of a second scheduler does not replace a fake one', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore();
    const job = defineJob({ name: 'manual', schedule: '0 0 1 1 *', run: () => undefined });
    await using first = createScheduler({ jobs: [job], store, clock });
    await using second = createScheduler({ jobs: [job], store, clock: systemClock });
    expect((await first.trigger('manual')).createdAt.getTime()).toBe(T0);
    expect((await second.trigger('manual')).createdAt.getTime()).toBe(T0);
  });
});
