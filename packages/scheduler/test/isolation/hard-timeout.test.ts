// Hard timeouts: an isolated job that never yields is stopped at its timeout (its thread
// terminated, its process group killed) while the scheduler's own thread keeps running the
// other jobs on time. The timeout is on the scheduler's (fake) clock; the kill grace is on
// that clock or in real time, whichever passes first, since the worker itself runs in real time.
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/testing.js';
import { isolated, isolationHarness, T0 } from './harness.js';

const EVERY_SECOND = '* * * * * *';

describe.each(['thread', 'process'] as const)('a busy loop in a %s', (mode) => {
  it('is killed at its timeout while a 1 s job beside it keeps firing on time; its next slot runs', async () => {
    const tick = { name: 'tick', schedule: EVERY_SECOND, run: (ctx: { latenessMs: number }) => ctx.latenessMs };
    const spin = isolated(mode, 'busy-loop', {
      schedule: '1/5 * * * * *', // T0+1 s, T0+6 s...
      timeoutMs: 2 * SECOND,
      isolation: { killGraceMs: 50 },
    });
    await using h = isolationHarness([tick, spin], { maxConcurrency: 2 });
    await h.scheduler.start();
    const spinning = h.next('run:progress-reported', (e) => e.job === 'busy-loop');
    const timedOut = h.next('run:finished', (e) => e.run.job === 'busy-loop');
    // Each second: the tick's run finishes, on time, while the loop spins in its worker.
    for (let second = 1; second <= 5; second++) {
      const ticked = h.next('run:finished', (e) => e.run.job === 'tick');
      await h.clock.advance(SECOND);
      const { run } = await ticked;
      expect(run).toMatchObject({ status: 'succeeded', result: 0, scheduledFor: new Date(T0 + second * SECOND) });
      if (second === 1) await spinning; // the loop is running before its deadline comes
    }
    // Timed out at T0+3 s, killed 50 ms (real) later.
    const { run } = await timedOut;
    expect(run.status).toBe('timed_out');
    expect(run.attempts).toEqual([expect.objectContaining({ status: 'timed_out', killed: true })]);
    expect(run.error).toMatchObject({
      code: 'JOB_TIMEOUT',
      cause: { code: 'JOB_CRASHED', data: { mode, reason: 'killed' } },
    });
    expect(run.finishedAt?.getTime()).toBeLessThan(T0 + 6 * SECOND);
    // The place and the slot are free: the next slot (T0+6 s) runs, on time.
    const next = h.next('run:started', (e) => e.job === 'busy-loop');
    await h.clock.advance(SECOND);
    expect(await next).toMatchObject({ scheduledFor: new Date(T0 + 6 * SECOND), latenessMs: 0 });
  });
});

describe.each(['thread', 'process'] as const)('a job in a %s honouring its signal', (mode) => {
  it('stops at its timeout by itself: timed_out, not killed, its own error (the timeout, rebuilt inside) as cause', async () => {
    const job = isolated(mode, 'honours-signal', {
      schedule: '0 0 1 1 *',
      timeoutMs: SECOND,
      isolation: { killGraceMs: 60_000 },
    });
    await using h = isolationHarness([job]);
    const started = h.next('run:progress-reported');
    await h.scheduler.start();
    const triggered = h.scheduler.trigger('honours-signal');
    await started;
    await h.clock.advance(SECOND);
    const run = await triggered;
    expect(run.status).toBe('timed_out');
    expect(run.attempts[0]?.killed).toBeUndefined();
    expect(run.error).toMatchObject({
      code: 'JOB_TIMEOUT',
      cause: { name: 'JobTimeoutError', code: 'JOB_TIMEOUT', message: 'Job "honours-signal" timed out after 1000 ms.' },
    });
  });
});
