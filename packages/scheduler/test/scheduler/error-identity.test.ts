import { describe, expect, it } from 'vitest';
import { serializeError, toError } from '../../src/core/serialized-error.js';
import { isRetryable, NonRetryableError, nonRetryable, retry } from '../../src/index.js';
import { createFakeClock, MINUTE } from '../../src/testing.js';
import { allRuns, harness } from './helpers.js';

/** A domain error with its own name and code, as a service defines them. */
class QuotaExceededError extends Error {
  readonly code = 'QUOTA_EXCEEDED';
  constructor() {
    super('Monthly quota used up');
    this.name = 'QuotaExceededError';
  }
}

describe('non-retryable errors keep their identity', () => {
  it('nonRetryable(error) marks the error itself; isRetryable reads the mark and NonRetryableError', () => {
    const error = new QuotaExceededError();
    expect(isRetryable(error)).toBe(true);
    expect(nonRetryable(error)).toBe(error);
    expect(isRetryable(error)).toBe(false);
    expect((error as { retryable?: boolean }).retryable).toBe(false);
    expect(isRetryable(new NonRetryableError('no'))).toBe(false);
    expect(isRetryable(Object.assign(new Error('flagged'), { retryable: false }))).toBe(false);
    expect(serializeError(error)).toMatchObject({ name: 'QuotaExceededError', code: 'QUOTA_EXCEEDED' });
  });

  it('a job throwing a marked domain error fails at once and history shows the domain code', async () => {
    await using h = harness([
      {
        name: 'quota',
        schedule: '0 * * * *',
        retry: { attempts: 3, initialDelayMs: 1_000 },
        run: () => {
          throw nonRetryable(new QuotaExceededError());
        },
      },
    ]);
    await h.scheduler.start();
    await h.clock.advance(61 * MINUTE);
    const [run] = await allRuns(h.store, 'quota');
    expect(run).toMatchObject({
      status: 'failed',
      error: { name: 'QuotaExceededError', code: 'QUOTA_EXCEEDED', message: 'Monthly quota used up' },
    });
    expect(run?.attempts).toHaveLength(1);
    await h.scheduler.stop();
  });

  it('retry() stops on a marked error and on a retryIf that returns undefined, as a job does', async () => {
    const clock = createFakeClock(0);
    let calls = 0;
    const marked = retry(
      async () => {
        calls++;
        throw nonRetryable(new QuotaExceededError());
      },
      { attempts: 3, clock },
    );
    await expect(marked).rejects.toBeInstanceOf(QuotaExceededError);
    expect(calls).toBe(1);
    const forgotten = retry(
      async () => {
        calls++;
        throw new Error('flaky');
      },
      { attempts: 3, clock, retryIf: (() => undefined) as never },
    );
    await expect(forgotten).rejects.toThrow('flaky');
    expect(calls).toBe(2);
  });
});

describe('a thrown non-Error is stored once', () => {
  it.each([
    ['a string', 'boom', 'Non-error thrown: boom'],
    ['an object', { reason: 'quota' }, 'Non-error thrown: {"reason":"quota"}'],
    ['undefined', undefined, 'Non-error thrown: undefined'],
  ])('serializeError of %s has no nested copies', (_label, thrown, message) => {
    expect(serializeError(thrown)).toEqual({ name: 'Error', message, stack: expect.any(String) });
    expect(serializeError(toError(thrown))).not.toHaveProperty('cause');
  });

  it('a job that throws a string: the run and its attempt hold one error, no cause', async () => {
    await using h = harness([
      {
        name: 'stringly',
        schedule: '0 * * * *',
        run: () => {
          throw 'disk full';
        },
      },
    ]);
    await h.scheduler.start();
    await h.clock.advance(61 * MINUTE);
    const [run] = await allRuns(h.store, 'stringly');
    expect(run?.error).toMatchObject({ name: 'Error', message: 'Non-error thrown: disk full' });
    expect(run?.error).not.toHaveProperty('cause');
    expect(run?.attempts[0]?.error).not.toHaveProperty('cause');
    await h.scheduler.stop();
  });

  it('an Error whose cause is a non-Error keeps that cause once', () => {
    const serialized = serializeError(new Error('outer', { cause: 'inner' }));
    expect(serialized.cause).toEqual({ name: 'Error', message: 'Non-error thrown: inner', stack: expect.any(String) });
    expect(serialized.cause).not.toHaveProperty('cause');
  });
});
