import { describe, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, type DstOptions, defineJob, UnknownJobError } from '../../src/index.js';
import { createFakeClock } from '../../src/testing.js';

/** Noon UTC the day before Europe/Paris springs forward (2026-03-29, 02:00 CET → 03:00 CEST). */
const EVE = new Date('2026-03-28T12:00:00Z');

function parisJob(dst: DstOptions, schedule = '30 2 * * *') {
  const clock = createFakeClock(EVE);
  const store = createMemoryStore({ clock });
  const job = defineJob({ name: 'night', schedule, timezone: 'Europe/Paris', dst, run: () => 'ok' });
  const scheduler = createScheduler({ jobs: [job], store, clock });
  return { clock, store, scheduler, [Symbol.asyncDispose]: () => scheduler[Symbol.asyncDispose]() };
}

describe('scheduler.nextRuns(job, n)', () => {
  it('follows the DST policy: a 02:30 Paris slot on the spring-forward day is skipped, or runs at the jump', async () => {
    await using skip = parisJob({ gap: 'skip' });
    expect(await skip.scheduler.nextRuns('night', 2)).toEqual([
      new Date('2026-03-30T00:30:00Z'), // 02:30 CEST the day after: 29 March has no 02:30
      new Date('2026-03-31T00:30:00Z'),
    ]);
    await using atJump = parisJob({ gap: 'run-at-jump' });
    expect(await atJump.scheduler.nextRuns('night', 2)).toEqual([
      new Date('2026-03-29T01:00:00Z'), // 03:00 CEST, the instant of the jump
      new Date('2026-03-30T00:30:00Z'),
    ]);
  });

  it("an operator override stored for the job wins, compiled with the job's timezone and DST policy, before start()", async () => {
    await using paris = parisJob({ gap: 'skip' }, '0 6 * * *');
    const { store, scheduler } = paris;
    await store.init();
    await store.reconcileJobs([{ name: 'night', schedule: '0 6 * * *', timezone: 'Europe/Paris' }]);
    await store.updateJob('night', { scheduleOverride: '30 2 * * *' }); // another instance's operator

    expect(await scheduler.nextRuns('night', 1)).toEqual([new Date('2026-03-30T00:30:00Z')]);
    await store.updateJob('night', { scheduleOverride: null });
    expect(await scheduler.nextRuns('night', 1)).toEqual([new Date('2026-03-29T04:00:00Z')]);
    expect((await store.listJobs()).map((job) => job.schedule)).toEqual(['0 6 * * *']); // nothing reconciled
  });

  it('after start(), reads the override from the store at once (no wait for the job-state poll)', async () => {
    await using paris = parisJob({ gap: 'run-at-jump' }, '0 6 * * *');
    const { clock, store, scheduler } = paris;
    await scheduler.start();
    await store.updateJob('night', { scheduleOverride: '30 2 * * *' });
    expect(await scheduler.nextRuns('night', 1)).toEqual([new Date('2026-03-29T01:00:00Z')]);
    expect(await scheduler.nextRuns('night', 1, { after: new Date('2026-03-29T01:00:00Z') })).toEqual([
      new Date('2026-03-30T00:30:00Z'),
    ]);
    expect(clock.now()).toBe(EVE.getTime());
    await scheduler.stop();
  });

  it('rejects an unknown job and a bad count or after, naming the call', async () => {
    await using paris = parisJob({});
    const { scheduler } = paris;
    await expect(scheduler.nextRuns('nigth', 1)).rejects.toBeInstanceOf(UnknownJobError);
    await expect(scheduler.nextRuns('night', 1.5)).rejects.toThrow(
      'nextRuns("night"): count must be an integer from 0 to 1000, got 1.5.',
    );
    await expect(scheduler.nextRuns('night', 1, { after: new Date(Number.NaN) })).rejects.toThrow(
      'nextRuns("night"): `after` must be a valid Date',
    );
    expect(await scheduler.nextRuns('night', 0)).toEqual([]);
  });
});
