import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src/core/backoff.js';
import { InvalidOptionError, NonRetryableError } from '../../src/core/errors.js';
import { retry } from '../../src/primitives/retry.js';
import { policyBackoff } from '../../src/primitives/retry-policy.js';
import { createFakeClock, SECOND } from '../../src/testing/fake-clock.js';

const START = Date.parse('2026-01-01T00:00:00Z');

/** A function failing `failures` times, recording the clock at each attempt. */
function flaky(clock: { now(): number }, failures: number) {
  const calls: { attempt: number; at: number }[] = [];
  const fn = async (attempt: number): Promise<string> => {
    calls.push({ attempt, at: clock.now() - START });
    if (attempt <= failures) throw new Error(`fail ${attempt}`);
    return `ok ${attempt}`;
  };
  return { calls, fn };
}

const retryDelayMs = (attempt: number, policy: Parameters<typeof policyBackoff>[0], random?: () => number) =>
  backoffDelayMs(attempt, policyBackoff(policy), random);

describe('a retry policy through backoffDelayMs', () => {
  const base = { backoff: 'exponential', initialDelayMs: 1_000, maxDelayMs: 10_000, jitter: false } as const;

  it('doubles from initialDelayMs and caps at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6, 50, 5_000].map((a) => retryDelayMs(a, base))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000,
    ]);
  });

  it('keeps the delay constant with fixed backoff', () => {
    expect([1, 2, 9].map((a) => retryDelayMs(a, { ...base, backoff: 'fixed' }))).toEqual([1_000, 1_000, 1_000]);
  });

  it('applies equal jitter: within [delay/2, delay]', () => {
    const jittered = { ...base, jitter: true };
    expect(retryDelayMs(3, jittered, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, jittered, () => 0.5)).toBe(3_000);
    expect(retryDelayMs(3, jittered, () => 0.999_999)).toBe(4_000);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(2, jittered);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });
});

describe('retry', () => {
  it('waits the exact backoff delays on the clock (jitter off) and resolves with the first success', async () => {
    const clock = createFakeClock(START);
    const { calls, fn } = flaky(clock, 3);
    const retries: { attempt: number; delayMs: number; message: string }[] = [];
    const result = retry(fn, {
      clock,
      attempts: 5,
      initialDelayMs: SECOND,
      maxDelayMs: 3 * SECOND,
      jitter: false,
      onRetry: ({ attempt, delayMs, error }) => retries.push({ attempt, delayMs, message: error.message }),
    });
    await clock.advance(999);
    expect(calls.map((c) => c.at)).toEqual([0]);
    await clock.advance(10 * SECOND);
    await expect(result).resolves.toBe('ok 4');
    expect(calls).toEqual([
      { attempt: 1, at: 0 },
      { attempt: 2, at: 1_000 },
      { attempt: 3, at: 3_000 },
      { attempt: 4, at: 6_000 },
    ]);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 1_000, message: 'fail 1' },
      { attempt: 2, delayMs: 2_000, message: 'fail 2' },
      { attempt: 3, delayMs: 3_000, message: 'fail 3' },
    ]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('waits what retryAfterMs gives for an error instead of the backoff, even beyond maxDelayMs', async () => {
    const clock = createFakeClock(START);
    const { calls, fn } = flaky(clock, 2);
    const result = retry(fn, {
      clock,
      attempts: 3,
      initialDelayMs: 1_000,
      maxDelayMs: 2_000,
      jitter: false,
      retryAfterMs: (error) => (error.message === 'fail 1' ? 90 * SECOND : undefined),
    });
    await clock.advance(100 * SECOND);
    await expect(result).resolves.toBe('ok 3');
    expect(calls.map((c) => c.at)).toEqual([0, 90_000, 92_000]);
  });

  it('keeps jittered delays within [delay/2, delay]', async () => {
    const clock = createFakeClock(START);
    const { calls, fn } = flaky(clock, 4);
    const delays: number[] = [];
    const result = retry(fn, {
      clock,
      attempts: 5,
      initialDelayMs: 1_000,
      onRetry: ({ delayMs }) => delays.push(delayMs),
    });
    await clock.advance(60 * SECOND);
    await expect(result).resolves.toBe('ok 5');
    const expectedMax = [1_000, 2_000, 4_000, 8_000];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(expectedMax[i]! / 2);
      expect(delay).toBeLessThanOrEqual(expectedMax[i]!);
    });
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(gaps).toEqual(delays);
  });

  it('uses the given random source for jitter', async () => {
    const clock = createFakeClock(START);
    const { calls, fn } = flaky(clock, 1);
    const result = retry(fn, { clock, attempts: 2, initialDelayMs: 4_000, random: () => 0 });
    await clock.advance(2_000);
    await expect(result).resolves.toBe('ok 2');
    expect(calls.map((c) => c.at)).toEqual([0, 2_000]);
  });

  it('rejects with the last error when attempts run out', async () => {
    const clock = createFakeClock(START);
    const { calls, fn } = flaky(clock, 10);
    const result = retry(fn, { clock, attempts: 3, jitter: false, backoff: 'fixed', initialDelayMs: 500 });
    const settled = expect(result).rejects.toThrow('fail 3');
    await clock.advance(5 * SECOND);
    await settled;
    expect(calls.map((c) => c.at)).toEqual([0, 500, 1_000]);
  });

  it('makes one attempt by default', async () => {
    const clock = createFakeClock(START);
    const { calls, fn } = flaky(clock, 1);
    await expect(retry(fn, { clock })).rejects.toThrow('fail 1');
    expect(calls).toHaveLength(1);
  });

  it('stops at once on NonRetryableError', async () => {
    let calls = 0;
    const fail = retry(
      async () => {
        calls++;
        throw new NonRetryableError('no API key');
      },
      { attempts: 5, clock: createFakeClock(START) },
    );
    await expect(fail).rejects.toBeInstanceOf(NonRetryableError);
    expect(calls).toBe(1);
  });

  it('stops at once when retryIf returns false, and passes it the error and attempt', async () => {
    const clock = createFakeClock(START);
    const seen: [string, number][] = [];
    const { calls, fn } = flaky(clock, 10);
    const result = retry(fn, {
      clock,
      attempts: 5,
      jitter: false,
      retryIf: (error, attempt) => {
        seen.push([error.message, attempt]);
        return attempt < 2;
      },
    });
    const settled = expect(result).rejects.toThrow('fail 2');
    await clock.advance(10 * SECOND);
    await settled;
    expect(calls).toHaveLength(2);
    expect(seen).toEqual([
      ['fail 1', 1],
      ['fail 2', 2],
    ]);
  });

  it('treats a throwing retryIf as false and rejects with the attempt error', async () => {
    const clock = createFakeClock(START);
    const { calls, fn } = flaky(clock, 10);
    const result = retry(fn, {
      clock,
      attempts: 5,
      retryIf: () => {
        throw new Error('predicate bug');
      },
    });
    await expect(result).rejects.toThrow('fail 1');
    expect(calls).toHaveLength(1);
  });

  it('wraps non-Error throws', async () => {
    await expect(
      retry(async () => {
        throw 'plain string';
      }),
    ).rejects.toThrow('Non-error thrown: plain string');
  });

  it('rejects at once with the signal reason when aborted during a backoff, and clears its timer', async () => {
    const clock = createFakeClock(START);
    const controller = new AbortController();
    const { calls, fn } = flaky(clock, 10);
    const result = retry(fn, { clock, signal: controller.signal, attempts: 5, initialDelayMs: 10_000, jitter: false });
    const settled = expect(result).rejects.toThrow('shutting down');
    await clock.advance(2_000);
    expect(clock.pendingTimers()).toBe(1);
    controller.abort(new Error('shutting down'));
    await settled;
    expect(clock.pendingTimers()).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('passes the signal to each attempt and does not retry once it is aborted', async () => {
    const clock = createFakeClock(START);
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const result = retry(
      async (_attempt, signal) => {
        signals.push(signal);
        controller.abort(new Error('stop'));
        throw new Error('attempt failed');
      },
      { clock, signal: controller.signal, attempts: 3 },
    );
    await expect(result).rejects.toThrow('stop');
    expect(signals).toEqual([controller.signal]);
  });

  it('rejects before any attempt when the signal is already aborted', async () => {
    let calls = 0;
    const reason = new Error('already');
    const result = retry(
      async () => {
        calls++;
      },
      { signal: AbortSignal.abort(reason) },
    );
    await expect(result).rejects.toBe(reason);
    expect(calls).toBe(0);
  });

  it('rejects bad options with InvalidOptionError naming the component and option', async () => {
    const run = async (): Promise<number> => 1;
    await expect(retry(run, { attempts: 0 })).rejects.toThrow(
      'Expected `attempts` of retry() to be an integer of at least 1, got `0`.',
    );
    await expect(retry(run, { initialDelayMs: 5_000, maxDelayMs: 1_000 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      component: 'retry',
      option: 'maxDelayMs',
    });
    await expect(retry(run, { backoff: 'linear' as 'fixed' })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(retry(run, { atempts: 3 } as never)).rejects.toThrow(
      'Unknown option `atempts` of retry(). Did you mean `attempts`?',
    );
  });
});
