// A worker that ends without answering (out of memory, process.exit, an uncaught error) fails
// the attempt with a JobCrashedError saying how, the job's retry policy applies, and the
// scheduler (this test's own process) carries on.
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/testing.js';
import { isolated, isolationHarness, T0 } from './harness.js';

describe.each(['thread', 'process'] as const)('in a %s', (mode) => {
  it('a job allocating past its memory limit is recorded failed (out-of-memory), and the next slot runs', async () => {
    const job = isolated(mode, 'allocate', {
      schedule: '* * * * * *',
      timeoutMs: 30 * SECOND,
      isolation: { memoryLimitMb: 64 },
    });
    await using h = isolationHarness([job]);
    await h.scheduler.start();
    for (const second of [1, 2]) {
      const finished = h.next('run:finished');
      await h.clock.advance(SECOND);
      const { run } = await finished;
      expect(run).toMatchObject({ status: 'failed', scheduledFor: new Date(T0 + second * SECOND) });
      expect(run.error).toMatchObject({
        name: 'JobCrashedError',
        code: 'JOB_CRASHED',
        message: expect.stringContaining('ran out of memory (isolation.memoryLimitMb: 64'),
        data: { mode, reason: 'out-of-memory', ...(mode === 'process' ? { signal: 'SIGABRT' } : {}) },
      });
    }
  });

  it.each([
    ['process.exit(3)', 'exit', { reason: 'exit', exitCode: 3 }, undefined],
    ['an uncaught error', 'uncaught', { reason: 'crash', exitCode: 1 }, { message: 'boom outside the job' }],
  ])('%s fails the attempt with its exit code; the retry succeeds', async (_label, how, exit, cause) => {
    const job = isolated(mode, 'crash', {
      schedule: '0 0 1 1 *',
      retry: { attempts: 2, backoff: 'fixed', initialDelayMs: SECOND, jitter: false },
      isolation: { data: { how } },
    });
    await using h = isolationHarness([job]);
    await h.scheduler.start();
    const retrying = h.next('run:retry-scheduled');
    const triggered = h.scheduler.trigger('crash');
    expect((await retrying).error).toMatchObject({ code: 'JOB_CRASHED', data: { mode, ...exit } });
    await h.clock.advance(SECOND);
    const run = await triggered;
    expect(run).toMatchObject({ status: 'succeeded', result: { recovered: 2 } });
    expect(run.attempts[0]).toMatchObject({ status: 'failed', error: { code: 'JOB_CRASHED' } });
    if (cause) expect(run.attempts[0]?.error?.cause).toMatchObject(cause);
    expect(run.attempts[0]?.killed).toBeUndefined();
  });
});
