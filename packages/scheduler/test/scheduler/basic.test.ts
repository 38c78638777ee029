import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { allRuns, harness, iso, T0 } from './helpers.js';

describe('scheduler: running jobs on schedule', () => {
  it('runs a day of schedules on the fake clock, each slot once and on time', async () => {
    await using h = harness(
      [
        { name: 'every-minute', schedule: '* * * * *' },
        { name: 'quarter', schedule: '*/15 * * * *' },
        { name: 'daily', schedule: '0 3 * * *' },
        { name: 'seconds', schedule: '*/30 * 0 * * *' },
      ],
      { leaseMs: 5 * MINUTE },
    );
    const starts: { job: string; lateness: number }[] = [];
    h.scheduler.on('run:started', (e) => starts.push({ job: e.job, lateness: e.latenessMs }));
    await h.scheduler.start();
    await h.clock.advance(DAY);
    await h.scheduler.stop();
    expect(h.ran('every-minute')).toHaveLength(1440);
    expect(h.ran('quarter')).toHaveLength(96);
    expect(h.ran('daily').map((r) => iso(r.scheduledFor.getTime()))).toEqual([iso(T0 + 3 * HOUR)]);
    expect(h.ran('seconds')).toHaveLength(120);
    expect(h.finished.every((r) => r.status === 'succeeded')).toBe(true);
    expect(Math.max(...starts.map((s) => s.lateness))).toBe(0);
    const keys = (await allRuns(h.store, 'every-minute')).map((r) => r.claimKey);
    expect(new Set(keys).size).toBe(1440);
    expect(keys[0]).toBe(iso(T0 + MINUTE));
  });

  it('stores the result and passes the context', async () => {
    const seen: unknown[] = [];
    await using h = harness([
      {
        name: 'ctx',
        schedule: '*/5 * * * * *',
        run: (ctx) => {
          seen.push({ trigger: ctx.trigger, at: ctx.scheduledFor.getTime(), now: ctx.now(), attempt: ctx.attempt });
          return { n: 1 };
        },
      },
    ]);
    await h.scheduler.start();
    await h.clock.advance(5 * SECOND);
    expect(seen).toEqual([{ trigger: 'schedule', at: T0 + 5 * SECOND, now: T0 + 5 * SECOND, attempt: 1 }]);
    expect(h.finished[0]?.result).toEqual({ n: 1 });
    await h.scheduler.stop();
  });
});
