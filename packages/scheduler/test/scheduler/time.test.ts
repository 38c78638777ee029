import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock, RunRecord } from '../../src/index.js';
import { createMemoryStore, createScheduler, defineJob, systemClock } from '../../src/index.js';
import type { CatchUpOptions } from '../../src/job/types.js';
import { createFakeClock, DAY, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { allRuns, harness, T0 } from './helpers.js';

const at = (ms: number) => new Date(ms).toISOString();

describe('catch-up after a simulated 3-day outage', () => {
  /** Hourly job ran at 01:00 and 02:00, then nothing ran for 3 days; restart at day 3, 02:30. */
  async function outage(catchUp: CatchUpOptions) {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    await using first = harness([{ name: 'hourly', schedule: '0 * * * *' }], { clock, store });
    await first.scheduler.start();
    await clock.advance(2 * HOUR + 10 * MINUTE);
    await first.scheduler.stop();
    await clock.advance(3 * DAY + 20 * MINUTE);
    await using second = harness([{ name: 'hourly', schedule: '0 * * * *', catchUp }], { clock, store });
    const starts: { slot: string; trigger: string; latenessMs: number; at: number }[] = [];
    second.scheduler.on('run:started', (e) =>
      starts.push({
        slot: at(e.scheduledFor.getTime()),
        trigger: e.trigger,
        latenessMs: e.latenessMs,
        at: clock.now(),
      }),
    );
    await second.scheduler.start();
    await clock.advance(10 * MINUTE);
    const runs = await allRuns(store, 'hourly');
    const missed = runs.filter((r) => r.status === 'missed');
    await second.scheduler.stop();
    return { starts, runs, missed, restartedAt: T0 + 3 * DAY + 2 * HOUR + 30 * MINUTE };
  }
  const day3 = (h: number) => at(T0 + 3 * DAY + h * HOUR);
  const day2 = (h: number) => at(T0 + 2 * DAY + h * HOUR);

  it('skip: records every missed slot missed (older than the window with its own reason), runs none', async () => {
    const { starts, missed, runs } = await outage({ policy: 'skip', windowMs: DAY });
    expect(starts).toEqual([]);
    expect(missed).toHaveLength(72);
    expect(missed.filter((r) => r.reason === 'outside-catch-up-window')).toHaveLength(48);
    expect(missed.filter((r) => r.reason === 'catch-up-skip')).toHaveLength(24);
    expect(new Set(runs.map((r) => r.claimKey)).size).toBe(runs.length);
  });

  it('latest: runs the newest missed slot once, trigger catch-up, with its lateness', async () => {
    const { starts, missed, restartedAt } = await outage({ policy: 'latest', windowMs: DAY });
    expect(starts).toEqual([{ slot: day3(2), trigger: 'catch-up', latenessMs: 30 * MINUTE, at: restartedAt }]);
    expect(missed).toHaveLength(71);
  });

  it('earliest: runs the oldest slot within the window once', async () => {
    const { starts, missed } = await outage({ policy: 'earliest', windowMs: DAY });
    expect(starts.map((s) => [s.slot, s.trigger])).toEqual([[day2(3), 'catch-up']]);
    expect(missed).toHaveLength(71);
  });

  it('all: runs the newest `max` slots in the window, oldest first, spacingMs apart', async () => {
    const { starts, missed, restartedAt } = await outage({ policy: 'all', windowMs: DAY, max: 5, spacingMs: MINUTE });
    expect(starts.map((s) => s.slot)).toEqual([day2(22), day2(23), day3(0), day3(1), day3(2)]);
    expect(starts.map((s) => s.at - restartedAt)).toEqual([0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE]);
    expect(starts.every((s) => s.trigger === 'catch-up')).toBe(true);
    expect(missed).toHaveLength(67);
  });

  it('bounds what it records for a very frequent job (every second, 3 days)', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    await using first = harness([{ name: 'fast', schedule: '* * * * * *' }], { clock, store });
    await first.scheduler.start();
    await clock.advance(2 * SECOND);
    await first.scheduler.stop();
    clock.set(T0 + 3 * DAY);
    await using second = harness([{ name: 'fast', schedule: '* * * * * *', catchUp: { policy: 'skip' } }], {
      clock,
      store,
    });
    await second.scheduler.start();
    await second.scheduler.stop();
    const missed = (await allRuns(store, 'fast')).filter((r) => r.status === 'missed');
    expect(missed.length).toBe(100);
    expect(missed.at(-1)?.scheduledFor.getTime()).toBeLessThanOrEqual(T0 + 3 * DAY);
  });
});

describe('wall-clock jumps', () => {
  it('a forward jump emits clock-jump and overdue; skipped slots go through the catch-up policy', async () => {
    await using h = harness([{ name: 'ten', schedule: '*/10 * * * *', catchUp: { policy: 'latest' } }]);
    const jumps: number[] = [];
    const overdue: number[] = [];
    h.scheduler.on('schedule:clock-jumped', (e) => jumps.push(e.deltaMs));
    h.scheduler.on('schedule:wake-delayed', (e) => overdue.push(e.lateByMs));
    await h.scheduler.start();
    await h.clock.advance(10 * MINUTE);
    h.clock.set(T0 + 10 * MINUTE + 2 * HOUR + 5 * MINUTE);
    await h.clock.advance(MINUTE);
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toBeGreaterThan(2 * HOUR);
    expect(overdue).toHaveLength(1);
    const runs = await allRuns(h.store, 'ten');
    const label = (r: RunRecord) => `${(r.scheduledFor.getTime() - T0) / MINUTE}:${r.status}:${r.trigger}`;
    expect(runs.filter((r) => r.status !== 'missed').map(label)).toEqual([
      '10:succeeded:schedule',
      '130:succeeded:catch-up',
    ]);
    expect(runs.filter((r) => r.status === 'missed')).toHaveLength(11);
    // Back to normal: the next slot runs on time.
    await h.clock.advance(10 * MINUTE);
    expect(h.ran('ten').at(-1)?.scheduledFor.getTime()).toBe(T0 + 140 * MINUTE);
    await h.scheduler.stop();
  });

  it('a clock that reports its jumps (the fake clock) has them handled at once, with no capped wake', async () => {
    await using h = harness([{ name: 'daily', schedule: '0 3 * * *', catchUp: { policy: 'latest' } }]);
    const jumps: number[] = [];
    h.scheduler.on('schedule:clock-jumped', (e) => jumps.push(e.deltaMs));
    await h.scheduler.start();
    // One timer, armed for the slot (no 60 s re-reading of the clock).
    expect(h.clock.pendingTimers()).toBe(1);
    h.clock.set(T0 + 2 * DAY);
    await h.clock.flush();
    expect(jumps).toEqual([2 * DAY]);
    expect(h.ran('daily').map((r) => r.trigger)).toEqual(['catch-up']);
  });

  it('a clock that does not report jumps is re-read at least every maxTimerDelayMs', async () => {
    const fake = createFakeClock(T0);
    const clock: Clock = {
      now: () => fake.now(),
      setTimeout: (callback, delayMs) => fake.setTimeout(callback, delayMs),
      clearTimeout: (handle) => fake.clearTimeout(handle),
    };
    await using scheduler = createScheduler({
      clock,
      store: createMemoryStore({ clock: fake }),
      jobs: [defineJob({ name: 'daily', schedule: '0 3 * * *', run: () => undefined })],
    });
    await scheduler.start();
    expect((fake.nextTimerAt() ?? 0) - T0).toBeLessThanOrEqual(MINUTE);
    await scheduler.stop();
  });

  it('a backward jump never fires a slot twice', async () => {
    await using h = harness([{ name: 'minute', schedule: '* * * * *' }]);
    const jumps: number[] = [];
    h.scheduler.on('schedule:clock-jumped', (e) => jumps.push(e.deltaMs));
    await h.scheduler.start();
    await h.clock.advance(10 * MINUTE);
    h.clock.set(T0 + 5 * MINUTE);
    await h.clock.advance(10 * MINUTE);
    expect(jumps.length).toBeGreaterThanOrEqual(1);
    expect(jumps[0]).toBeLessThan(0);
    const slots = (await allRuns(h.store, 'minute')).map((r) => (r.scheduledFor.getTime() - T0) / MINUTE);
    expect(slots).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    await h.scheduler.stop();
  });
});

describe('timers', () => {
  it('re-arms waits longer than setTimeout allows (2^31-1 ms) and fires a yearly slot once, on time', async () => {
    const fake = createFakeClock(T0);
    const delays: number[] = [];
    const clock: Clock = {
      now: () => fake.now(),
      setTimeout: (callback, delayMs) => {
        delays.push(delayMs);
        return fake.setTimeout(callback, delayMs);
      },
      clearTimeout: (handle) => fake.clearTimeout(handle),
    };
    await using scheduler = createScheduler({
      clock,
      // Longest waits allowed, and rare maintenance, so ten months pass in a few hundred wakes.
      maxTimerDelayMs: 2 ** 31 - 1,
      leaseMs: 30 * DAY,
      store: createMemoryStore({ clock: fake }),
      jobs: [defineJob({ name: 'yearly', schedule: '0 0 1 1 *', run: () => 'happy new year' })],
    });
    const lateness: number[] = [];
    scheduler.on('run:started', (e) => lateness.push(e.latenessMs));
    await scheduler.start();
    const newYear = Date.parse('2027-01-01T00:00:00Z');
    expect(newYear - T0).toBeGreaterThan(2 ** 31);
    await fake.advanceTo(newYear - 1);
    expect(lateness).toEqual([]);
    await fake.advance(1);
    expect(lateness).toEqual([0]);

    expect(delays.some((d) => d === 2 ** 31 - 1)).toBe(true);
    expect(delays.every((d) => d <= 2 ** 31 - 1)).toBe(true);
    await scheduler.stop();
  });

  it('works under vitest fake timers with the system clock', async () => {
    vi.useFakeTimers({ now: T0 });
    await using store = createMemoryStore({ clock: systemClock });
    const seen: string[] = [];
    await using scheduler = createScheduler({
      store,
      jobs: [
        defineJob({
          name: 'tick',
          schedule: '*/10 * * * * *',
          run: (ctx) => void seen.push(ctx.scheduledFor.toISOString()),
        }),
      ],
    });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect(seen).toEqual([at(T0 + 10 * SECOND), at(T0 + 20 * SECOND), at(T0 + 30 * SECOND)]);
    await scheduler.stop();
  });

  afterEach(() => {
    vi.useRealTimers();
  });
});
