import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import { HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { alertHarness, T0 } from './harness.js';

const at = (ms: number) => new Date(ms).toISOString().slice(11, 19);

describe('missed and skipped slots', () => {
  it('dead-man’s switch: slots missed while every instance was down for two hours alert once the scheduler is back', async () => {
    await using h = await alertHarness([{ name: 'database-health-check', schedule: '*/15 * * * *' }]);
    await h.scheduler.start();
    await h.stepThrough(T0 + HOUR, 15 * MINUTE);
    await h.scheduler.stop();
    expect(h.slack.received).toHaveLength(0);
    // Every instance is down from 01:00 to 03:00.
    await h.clock.advanceTo(T0 + 3 * HOUR + 30 * SECOND);
    await h.restart().start();
    await h.stepTo(h.clock.now() + SECOND); // missed slots of one catch-up burst are reported together
    const missed = h.finished.filter((run) => run.status === 'missed');
    expect(missed).toHaveLength(7); // 01:15 … 02:45; 03:00 is on time and runs
    const sent = h.sent();
    expect(sent[0]).toMatchObject({
      kind: 'outage',
      title: 'scheduler down from 2026-03-01T01:00:00.000Z to 2026-03-01T03:00:30.000Z, 7 slots of 1 job missed',
      atMs: T0 + 3 * HOUR + 31 * SECOND, // a second after the restart
    });
    await h.stepThrough(T0 + 3 * HOUR + 15 * MINUTE, 15 * MINUTE);
    expect(h.sent().map((a) => a.kind)).toEqual(['outage', 'recovered']);
    expect(JSON.stringify(h.slack.received[0]?.body)).toContain('2026-03-01T01:15:00.000Z to 2026-03-01T02:45:00.000Z');
  });

  it('a job whose slots keep being skipped by its overlap policy alerts, and recovers when a run succeeds', async () => {
    await using h = await alertHarness([
      {
        name: 'cleanup-stale-data',
        schedule: '* * * * *',
        overlap: 'skip',
        timeoutMs: HOUR,
        run: (ctx) => sleep(h.clock, 5 * MINUTE + 30 * SECOND, { signal: ctx.signal }),
      },
    ]);
    await h.scheduler.start();
    await h.stepThrough(T0 + 30 * MINUTE, MINUTE);
    const skipped = h.finished.filter((run) => run.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(10);
    expect(skipped.every((run) => run.reason === 'overlap')).toBe(true);
    expect(h.sent().map((a) => [a.kind, a.title, at(a.atMs)])).toEqual([
      ['skipped', 'cleanup-stale-data: 3 slots in a row were skipped (overlap)', '00:04:00'],
      ['recovered', 'cleanup-stale-data recovered after 2 min 30 s', '00:06:30'],
    ]);
    expect(JSON.stringify(h.slack.received[0]?.body)).toContain('takes longer than its period');
  });
});
