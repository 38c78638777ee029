import { describe, expect, it } from 'vitest';
import { InvalidOptionError, JobCancelledError, JobTimeoutError, TimeoutError } from '../../src/core/errors.js';
import { withTimeout } from '../../src/primitives/with-timeout.js';
import { createFakeClock, DAY, SECOND } from '../../src/testing/fake-clock.js';

const START = Date.parse('2026-01-01T00:00:00Z');

describe('withTimeout', () => {
  it('resolves with the value when in time, and leaves no timer behind', async () => {
    const clock = createFakeClock(START);
    const result = withTimeout(
      (signal) =>
        new Promise<string>((resolve) => {
          clock.setTimeout(() => resolve(signal.aborted ? 'aborted' : 'done'), 900);
        }),
      SECOND,
      { clock },
    );
    await clock.advance(900);
    await expect(result).resolves.toBe('done');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('passes through a rejection from fn', async () => {
    const clock = createFakeClock(START);
    await expect(withTimeout(async () => Promise.reject(new Error('bad')), SECOND, { clock })).rejects.toThrow('bad');
    await expect(
      withTimeout(
        () => {
          throw new Error('sync throw');
        },
        SECOND,
        { clock },
      ),
    ).rejects.toThrow('sync throw');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('rejects at the deadline with a TimeoutError (code TIMEOUT) even if fn ignores its signal, and aborts the signal with it', async () => {
    const clock = createFakeClock(START);
    let seen: AbortSignal | undefined;
    let rejectedAt: number | undefined;
    const result = withTimeout(
      (signal) => {
        seen = signal;
        return new Promise<never>(() => {}); // never settles, ignores the signal
      },
      5 * SECOND,
      { clock },
    );
    result.catch(() => {
      rejectedAt = clock.now();
    });
    await clock.advance(4_999);
    expect(rejectedAt).toBeUndefined();
    expect(seen?.aborted).toBe(false);
    await clock.advance(1);
    expect(rejectedAt).toBe(START + 5_000);
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(JobTimeoutError);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      code: 'TIMEOUT',
      timeoutMs: 5_000,
      message: 'Operation timed out after 5000 ms.',
    });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe(error);
  });

  it('uses reason() for the timeout error and discards a late result', async () => {
    const clock = createFakeClock(START);
    const custom = new JobTimeoutError(100, 'sync-sets');
    let late = false;
    const result = withTimeout(
      () =>
        new Promise<string>((resolve) => {
          clock.setTimeout(() => {
            late = true;
            resolve('too late');
          }, 200);
        }),
      100,
      { clock, reason: () => custom },
    );
    const settled = expect(result).rejects.toBe(custom);
    await clock.advance(300);
    await settled;
    expect(late).toBe(true);
    expect(custom.message).toBe('Job "sync-sets" timed out after 100 ms.');
  });

  it('rejects with the outer signal reason on outer abort, aborts the inner signal, and clears its timer', async () => {
    const clock = createFakeClock(START);
    const outer = new AbortController();
    let inner: AbortSignal | undefined;
    const result = withTimeout(
      (signal) => {
        inner = signal;
        return new Promise<never>(() => {});
      },
      DAY,
      { clock, signal: outer.signal },
    );
    expect(clock.pendingTimers()).toBe(1);
    const reason = new JobCancelledError('shutdown');
    outer.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(inner?.reason).toBe(reason);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('rejects at once when the outer signal is already aborted, without calling fn', async () => {
    let called = false;
    const reason = new Error('gone');
    const result = withTimeout(
      async () => {
        called = true;
      },
      SECOND,
      { clock: createFakeClock(START), signal: AbortSignal.abort(reason) },
    );
    await expect(result).rejects.toBe(reason);
    expect(called).toBe(false);
  });

  it('removes its abort listener from the outer signal once settled', async () => {
    const clock = createFakeClock(START);
    const outer = new AbortController();
    let listeners = 0;
    const signal = outer.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;
    await withTimeout(async () => 1, SECOND, { clock, signal });
    expect(listeners).toBe(0);
  });

  it('waits past setTimeout’s 2^31-1 ms limit by re-arming', async () => {
    const clock = createFakeClock(START);
    const delays: number[] = [];
    const recording = {
      ...clock,
      setTimeout: (cb: () => void, ms: number) => {
        delays.push(ms);
        return clock.setTimeout(cb, ms);
      },
    };
    const timeoutMs = 30 * DAY; // > 2^31-1 ms (24.8 days)
    const result = withTimeout(() => new Promise<never>(() => {}), timeoutMs, { clock: recording });
    let rejected = false;
    result.catch(() => {
      rejected = true;
    });
    await clock.advance(25 * DAY);
    expect(rejected).toBe(false);
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(5 * DAY - 1);
    expect(rejected).toBe(false);
    await clock.advance(1);
    expect(rejected).toBe(true);
    expect(delays).toEqual([2 ** 31 - 1, timeoutMs - (2 ** 31 - 1)]);
  });

  it('rejects a non-positive or non-finite timeoutMs with InvalidOptionError', async () => {
    const run = async (): Promise<number> => 1;
    await expect(withTimeout(run, -1)).rejects.toThrow(
      'Expected `timeoutMs` of withTimeout() to be a positive finite number, got `-1`.',
    );
    await expect(withTimeout(run, Number.POSITIVE_INFINITY)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(withTimeout(run, 0)).rejects.toMatchObject({
      component: 'withTimeout',
      option: 'timeoutMs',
      code: 'INVALID_OPTION',
    });
  });

  it('JobTimeoutError is a TimeoutError that keeps its own code', () => {
    const error = new JobTimeoutError(100, 'sync-sets');
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: 'JobTimeoutError', code: 'JOB_TIMEOUT', timeoutMs: 100 });
    expect(error.message).toBe('Job "sync-sets" timed out after 100 ms.');
  });
});
