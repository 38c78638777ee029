// stop() with an isolated job running: its signal is aborted inside the worker; a job that
// ignores it is killed after its killGraceMs, or at the end of the stop's own grace period when
// that comes first, and recorded `cancelled` with `killed: true`. stop() never waits past its grace.
import { describe, expect, it } from 'vitest';
import { HOUR } from '../../src/testing.js';
import { isolated, isolationHarness, T0 } from './harness.js';
import { isAlive } from './proc.js';

describe.each(['thread', 'process'] as const)('stop() with a job in a %s', (mode) => {
  it.each([
    ['its killGraceMs (100 ms)', 100, 10_000],
    ['the stop grace (100 ms), shorter than its killGraceMs', 60_000, 100],
  ])(
    'a job ignoring its signal is killed at %s and recorded cancelled, killed',
    async (_label, killGraceMs, shutdownGraceMs) => {
      const job = isolated(mode, 'ignores-signal', {
        schedule: '0 0 1 1 *',
        timeoutMs: HOUR,
        isolation: { killGraceMs },
      });
      await using h = isolationHarness([job], { shutdownGraceMs });
      const started = h.next('run:progress-reported');
      await h.scheduler.start();
      const triggered = h.scheduler.trigger('ignores-signal');
      const { pid } = (await started).progress as { pid: number };
      const startedMs = performance.now();
      await h.scheduler.stop();
      const stopMs = performance.now() - startedMs;
      expect(stopMs).toBeLessThan(shutdownGraceMs + 2_000); // the grace, plus the time a kill takes
      expect(h.clock.now()).toBe(T0);
      const run = await triggered;
      expect(run).toMatchObject({ status: 'cancelled', reason: 'shutdown' });
      expect(run.attempts).toEqual([expect.objectContaining({ status: 'cancelled', killed: true })]);
      expect(run.error).toMatchObject({
        code: 'JOB_CANCELLED',
        cause: { code: 'JOB_CRASHED', data: { reason: 'killed' } },
      });
      expect(await h.store.listRunning()).toEqual([]);
      if (mode === 'process') expect(isAlive(pid)).toBe(false);
    },
  );

  it('a job honouring its signal stops by itself: cancelled, not killed', async () => {
    const job = isolated(mode, 'honours-signal', { schedule: '0 0 1 1 *', timeoutMs: HOUR });
    await using h = isolationHarness([job], { shutdownGraceMs: 10_000 });
    const started = h.next('run:progress-reported');
    await h.scheduler.start();
    const triggered = h.scheduler.trigger('honours-signal');
    await started;
    await h.scheduler.stop();
    const run = await triggered;
    expect(run.attempts).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    expect(run.attempts[0]?.killed).toBeUndefined();
    // The job rejected with its signal's reason, rebuilt in the worker: the scheduler's own error, as the cause.
    expect(run.error).toMatchObject({
      code: 'JOB_CANCELLED',
      cause: { name: 'JobCancelledError', code: 'JOB_CANCELLED' },
    });
  });
});
