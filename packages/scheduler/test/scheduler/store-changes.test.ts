// Changes reported by the store (Store.watch): a memory store is never polled, so simulated
// time costs only the slots, and a pause or override made elsewhere applies at once.
import { describe, expect, it } from 'vitest';
import type { Clock, Store } from '../../src/index.js';
import { createMemoryStore, createScheduler, defineJob } from '../../src/index.js';
import { createFakeClock, DAY, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { T0 } from './helpers.js';

/** The fake clock, counting the timer callbacks that fire. */
function countingClock(start: number) {
  const fake = createFakeClock(start);
  const counts = { fired: 0 };
  const clock: Clock = {
    now: () => fake.now(),
    setTimeout: (callback, delayMs) =>
      fake.setTimeout(() => {
        counts.fired++;
        callback();
      }, delayMs),
    clearTimeout: (handle) => fake.clearTimeout(handle),
    onJump: (listener) => fake.onJump(listener),
  };
  return { fake, clock, counts };
}

/** A memory store whose `listJobs` calls are counted. */
function countingStore(clock: Clock): { store: Store; listJobs: () => number } {
  const store = createMemoryStore({ clock });
  let calls = 0;
  const listJobs = store.listJobs.bind(store);
  store.listJobs = (options) => {
    calls++;
    return listJobs(options);
  };
  return { store, listJobs: () => calls };
}

describe('store changes', () => {
  it('a year of a daily job on a memory store costs about three timer wakes a day, and no poll', async () => {
    const { fake, clock, counts } = countingClock(T0);
    const { store, listJobs } = countingStore(clock);
    let runs = 0;
    const job = defineJob({ name: 'daily', schedule: '0 3 * * *', run: () => void runs++ });
    // Default options: the clock reports its jumps, so no wait is capped to re-read it.
    await using scheduler = createScheduler({ jobs: [job], store, clock });
    await scheduler.start();
    const polls = listJobs();
    await fake.advance(365 * DAY);
    expect(runs).toBe(365);
    // Per day: the pre-claim wake, the slot, one reap when the run's lease would have expired.
    // Polling every 30 s cost 2,880 a day.
    expect(counts.fired).toBeLessThanOrEqual(3 * 365 + 5);
    expect(listJobs()).toBe(polls);
  });

  it('a pause made through another scheduler on the same memory store applies at once', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    const ran: number[] = [];
    const jobs = [
      defineJob({ name: 'hourly', schedule: '0 * * * *', run: (ctx) => void ran.push(ctx.scheduledFor.getTime()) }),
    ];
    await using a = createScheduler({ jobs, store, clock, instanceId: 'a', pollIntervalMs: HOUR });
    await using operator = createScheduler({ jobs, store, clock, instanceId: 'operator' });
    await a.start();
    await clock.advance(HOUR - SECOND);
    await operator.pause('hourly', { note: 'disk swap' });
    await clock.advance(SECOND);
    expect(ran).toEqual([]);
    expect((await a.status())[0]?.state).toBe('paused');
    await operator.resume('hourly');
    await clock.advance(HOUR);
    expect(ran).toEqual([T0 + 2 * HOUR]);
  });

  it('a schedule override written to the store applies before the next slot', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    const ran: number[] = [];
    const jobs = [
      defineJob({ name: 'report', schedule: '0 * * * *', run: (ctx) => void ran.push(ctx.scheduledFor.getTime()) }),
    ];
    await using scheduler = createScheduler({ jobs, store, clock, pollIntervalMs: DAY });
    await scheduler.start();
    await clock.advance(15 * MINUTE - SECOND);
    await store.updateJob('report', { scheduleOverride: '*/15 * * * *' });
    await clock.advance(SECOND);
    expect(ran).toEqual([T0 + 15 * MINUTE]);
  });

  it('rejects a pollIntervalMs that is not a positive number', () => {
    const jobs = [defineJob({ name: 'x', schedule: '0 * * * *', run: () => undefined })];
    expect(() => createScheduler({ jobs, store: createMemoryStore(), pollIntervalMs: 0 })).toThrow(
      'Expected `pollIntervalMs` of createScheduler to be a positive finite number, got `0`.',
    );
  });
});
