import { describe, expect, it, vi } from 'vitest';
import { createFakeClock, DAY, HOUR, MINUTE, SECOND } from '../src/testing.js';

const START = Date.parse('2026-01-01T00:00:00Z');

describe('createFakeClock', () => {
  it('starts at the given time (Date or ms) and exposes time constants', () => {
    expect(createFakeClock(new Date(START)).now()).toBe(START);
    expect(createFakeClock(START).now()).toBe(START);
    expect([SECOND, MINUTE, HOUR, DAY]).toEqual([1_000, 60_000, 3_600_000, 86_400_000]);
  });

  it('fires due timers in order of due time, with now() equal to each due time', async () => {
    const clock = createFakeClock(START);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['c', clock.now()]), 3 * SECOND);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 1 * SECOND);
    clock.setTimeout(() => fired.push(['b', clock.now()]), 2 * SECOND);
    clock.setTimeout(() => fired.push(['late', clock.now()]), 10 * SECOND);
    await clock.advance(5 * SECOND);
    expect(fired).toEqual([
      ['a', START + 1_000],
      ['b', START + 2_000],
      ['c', START + 3_000],
    ]);
    expect(clock.now()).toBe(START + 5_000);
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.nextTimerAt()).toBe(START + 10_000);
  });

  it('fires timers with the same due time in creation order', async () => {
    const clock = createFakeClock(START);
    const fired: number[] = [];
    for (const n of [1, 2, 3]) clock.setTimeout(() => fired.push(n), 100);
    await clock.advance(100);
    expect(fired).toEqual([1, 2, 3]);
  });

  it('fires timers scheduled by fired callbacks inside the range, at their own times', async () => {
    const clock = createFakeClock(START);
    const fired: number[] = [];
    const tick = (): void => {
      fired.push(clock.now() - START);
      clock.setTimeout(tick, 1_500);
    };
    clock.setTimeout(tick, 1_000);
    clock.setTimeout(() => fired.push(-(clock.now() - START)), 2_000);
    await clock.advance(5_000);
    expect(fired).toEqual([1_000, -2_000, 2_500, 4_000]);
    expect(clock.nextTimerAt()).toBe(START + 5_500);
  });

  it('lets promises started by a timer settle, including chains across macrotasks, before the next timer', async () => {
    const clock = createFakeClock(START);
    const log: string[] = [];
    clock.setTimeout(async () => {
      await Promise.resolve();
      await new Promise<void>((resolve) => setImmediate(resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
      log.push(`stored at ${clock.now() - START}`);
      clock.setTimeout(() => log.push(`follow-up at ${clock.now() - START}`), 0);
    }, 1_000);
    clock.setTimeout(() => log.push(`second at ${clock.now() - START}`), 1_001);
    await clock.advance(2_000);
    expect(log).toEqual(['stored at 1000', 'follow-up at 1000', 'second at 1001']);
  });

  it('lets work started before advance() arm its timers first', async () => {
    const clock = createFakeClock(START);
    const log: number[] = [];
    void (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      clock.setTimeout(() => log.push(clock.now() - START), 500);
    })();
    await clock.advance(1_000);
    expect(log).toEqual([500]);
  });

  it('fires zero-delay timers armed by work that settles at the end of the range', async () => {
    const clock = createFakeClock(START);
    const log: number[] = [];
    clock.setTimeout(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      clock.setTimeout(() => log.push(clock.now() - START), 0);
    }, 1_000);
    await clock.advance(1_000);
    expect(log).toEqual([1_000]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('advance(0) fires timers due now', async () => {
    const clock = createFakeClock(START);
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, 0);
    await clock.advance(0);
    expect(fired).toBe(true);
  });

  it('clearTimeout cancels; unknown handles are ignored', async () => {
    const clock = createFakeClock(START);
    const fired: string[] = [];
    const handle = clock.setTimeout(() => fired.push('cancelled'), 10);
    clock.setTimeout(() => fired.push('kept'), 20);
    clock.clearTimeout(handle);
    clock.clearTimeout(handle);
    clock.clearTimeout({});
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(100);
    expect(fired).toEqual(['kept']);
  });

  it('advanceTo accepts a Date or ms and refuses to go back', async () => {
    const clock = createFakeClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), HOUR);
    await clock.advanceTo(new Date(START + 2 * HOUR));
    expect(fired).toEqual([START + HOUR]);
    expect(clock.now()).toBe(START + 2 * HOUR);
    await clock.advanceTo(START + 3 * HOUR);
    expect(clock.now()).toBe(START + 3 * HOUR);
    await expect(clock.advanceTo(START)).rejects.toThrow(/before now.*set\(\)/);
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
  });

  it('set() jumps the wall clock without firing; timers keep their remaining delay', async () => {
    const clock = createFakeClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 10 * MINUTE);
    clock.set(START + DAY);
    expect(clock.now()).toBe(START + DAY);
    expect(fired).toEqual([]);
    expect(clock.nextTimerAt()).toBe(START + DAY + 10 * MINUTE);
    clock.set(START - HOUR);
    expect(clock.now()).toBe(START - HOUR);
    await clock.advance(10 * MINUTE);
    expect(fired).toEqual([START - HOUR + 10 * MINUTE]);
  });

  it('runAll fires everything in order and stops at a limit for timers that always re-arm', async () => {
    const clock = createFakeClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now() - START);
      clock.setTimeout(() => fired.push(clock.now() - START), DAY);
    }, HOUR);
    clock.setTimeout(() => fired.push(clock.now() - START), MINUTE);
    expect(await clock.runAll()).toBe(3);
    expect(fired).toEqual([MINUTE, HOUR, HOUR + DAY]);
    expect(clock.now()).toBe(START + HOUR + DAY);

    const forever = (): void => {
      clock.setTimeout(forever, SECOND);
    };
    forever();
    await expect(clock.runAll(50)).rejects.toThrow(/keeps re-arming/);
  });

  it('reports a throwing timer callback after finishing the advance', async () => {
    const clock = createFakeClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 10);
    clock.setTimeout(() => fired.push(clock.now() - START), 20);
    await expect(clock.advance(30)).rejects.toThrow('boom');
    expect(fired).toEqual([20]);
    expect(clock.now()).toBe(START + 30);
  });

  it('refuses concurrent advances', async () => {
    const clock = createFakeClock(START);
    const first = clock.advance(10);
    await expect(clock.advance(10)).rejects.toThrow(/in progress/);
    await first;
    expect(clock.now()).toBe(START + 10);
  });

  it('keeps settling promises while vitest fake timers are installed', async () => {
    const clock = createFakeClock(START);
    vi.useFakeTimers();
    try {
      const log: number[] = [];
      clock.setTimeout(async () => {
        await Promise.resolve();
        log.push(clock.now() - START);
      }, 100);
      await clock.advance(100);
      expect(log).toEqual([100]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects an invalid start time', () => {
    expect(() => createFakeClock(Number.NaN)).toThrow(RangeError);
    expect(() => createFakeClock(new Date('nope'))).toThrow(/valid Date/);
  });
});
