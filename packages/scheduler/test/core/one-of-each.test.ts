import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelayMs } from '../../src/core/backoff.js';
import { sleep } from '../../src/core/capped-timer.js';
import { systemClock } from '../../src/core/clock.js';
import { createFakeClock, DAY, HOUR } from '../../src/testing/fake-clock.js';

const START = Date.parse('2026-01-01T00:00:00Z');
const LONG_MS = 2 ** 31;

describe('backoffDelayMs', () => {
  it.each([
    [{ initialMs: 1_000, maxMs: 60_000 }, [1, 2, 3, 7, 8, 9_999], [1_000, 2_000, 4_000, 60_000, 60_000, 60_000]],
    [{ initialMs: 250, maxMs: 30_000 }, [1, 2, 8, 9], [250, 500, 30_000, 30_000]],
    [{ initialMs: 500, maxMs: 10_000, factor: 1 }, [1, 5, 50], [500, 500, 500]],
    [{ initialMs: 0, maxMs: 10_000, factor: 10 }, [1, 2_000], [0, 0]],
  ])('%j at attempts %j gives %j', (options, attempts, delays) => {
    expect(attempts.map((attempt) => backoffDelayMs(attempt, options))).toEqual(delays);
  });

  it('applies equal jitter within [delay/2, delay]', () => {
    const options = { initialMs: 1_000, maxMs: 60_000, jitter: true };
    expect(backoffDelayMs(3, options, () => 0)).toBe(2_000);
    expect(backoffDelayMs(3, options, () => 0.999_999)).toBe(4_000);
  });
});

describe('sleep (the one capped sleep)', () => {
  it('does not fire early on a wait of 2^31 ms (past setTimeout’s limit)', async () => {
    const clock = createFakeClock(START);
    let done = false;
    const waiting = sleep(clock, LONG_MS).then(() => {
      done = true;
    });
    await clock.advance(1);
    expect(done).toBe(false);
    await clock.advance(LONG_MS - 2);
    expect(done).toBe(false);
    await clock.advance(1);
    await waiting;
    expect(clock.now() - START).toBe(LONG_MS);
  });

  it('rejects with the signal’s reason when aborted, and at once when already aborted', async () => {
    const clock = createFakeClock(START);
    const controller = new AbortController();
    const waiting = sleep(clock, DAY, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(clock, HOUR, { signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('sleep on real timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits 2^31 ms under global fake timers, which fire an over-long setTimeout at once as Node does', async () => {
    vi.useFakeTimers({ now: START });
    let done = false;
    const waiting = sleep(systemClock, LONG_MS).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(LONG_MS - HOUR);
    await waiting;
    expect(Date.now() - START).toBe(LONG_MS);
  });
});
