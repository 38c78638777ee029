import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import { HOUR, MINUTE } from '../../src/testing.js';
import { alertHarness, T0 } from './harness.js';

const at = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('alert rules fire and recover (scheduler on a fake clock, Slack over HTTP)', () => {
  it('failure after all retries: alerts with the attempts and error, recovers on success', async () => {
    let calls = 0;
    await using h = await alertHarness([
      {
        name: 'sync-cards',
        schedule: '0 * * * *',
        retry: { attempts: 3, initialDelayMs: 1_000, jitter: false },
        run: () => {
          calls++;
          if (calls <= 3) throw new Error('API answered 503');
          return 'ok';
        },
      },
    ]);
    await h.scheduler.start();
    await h.stepThrough(T0 + 2 * HOUR, 15 * MINUTE);
    expect(h.sent().map((a) => [a.kind, at(a.atMs)])).toEqual([
      ['failure', '01:00'],
      ['recovered', '02:00'],
    ]);
    const alert = h.slack.received[0]?.body;
    expect(alert?.text).toBe(':warning: sync-cards failed after 3 attempts');
    const blocks = JSON.stringify(alert?.blocks);
    expect(blocks).toContain('*Attempts*\\n3');
    expect(blocks).toContain('Error: API answered 503');
    expect(blocks).toContain(h.finished[0]?.id);
    // Detected when the failed run was recorded: no later wake needed.
    const failed = h.finished.find((run) => run.status === 'failed');
    expect(h.sent()[0]?.atMs).toBe(failed?.finishedAt?.getTime());
  });

  it('N consecutive failures (onFailure off): one critical alert at the Nth, then recovery', async () => {
    let calls = 0;
    await using h = await alertHarness(
      [
        {
          name: 'backup-database',
          schedule: '*/10 * * * *',
          run: () => (++calls <= 4 ? Promise.reject(new Error('disk full')) : 'ok'),
        },
      ],
      { alerts: { onFailure: false, consecutiveFailures: 3 } },
    );
    await h.scheduler.start();
    await h.stepThrough(T0 + HOUR, 10 * MINUTE);
    expect(h.sent().map((a) => [a.kind, a.title, at(a.atMs)])).toEqual([
      ['consecutive-failures', 'backup-database failed 3 times in a row', '00:30'],
      ['recovered', 'backup-database recovered after 20 min', '00:50'],
    ]);
    expect(h.slack.received[0]?.body.text).toMatch(/^:rotating_light:/);
  });

  it('failure rate over the window: alerts at the threshold, recovers when the rate drops', async () => {
    const outcomes = ['ok', 'ok', 'ok', 'ok', 'fail', 'ok', 'ok'];
    let i = 0;
    await using h = await alertHarness(
      [
        {
          name: 'replicate',
          schedule: '0 * * * *',
          run: () => (outcomes[i++] === 'fail' ? Promise.reject(new Error('x')) : 'ok'),
        },
      ],
      {
        alerts: {
          onFailure: false,
          consecutiveFailures: false,
          failureRate: { threshold: 0.2, windowMs: 24 * HOUR, minRuns: 5 },
        },
      },
    );
    await h.scheduler.start();
    await h.stepThrough(T0 + 7 * HOUR, HOUR);
    // 1 failed of 5 = 20% at 05:00; 1 of 6 = 17% at 06:00.
    expect(h.sent().map((a) => [a.kind, a.title, at(a.atMs)])).toEqual([
      ['failure-rate', 'replicate failure rate is 20% over the last 1 d', '05:00'],
      ['recovered', 'replicate recovered after 1 h', '06:00'],
    ]);
  });

  it('slower than slowerThanMs: alerts on the slow run, recovers on a fast one', async () => {
    let calls = 0;
    await using h = await alertHarness(
      [
        {
          name: 'cleanup',
          schedule: '0 * * * *',
          timeoutMs: HOUR,
          run: async (ctx) => {
            if (++calls === 1) await sleep(h.clock, 20 * MINUTE, { signal: ctx.signal });
          },
        },
      ],
      { alerts: { slowerThanMs: 10 * MINUTE } },
    );
    await h.scheduler.start();
    await h.stepThrough(T0 + 2 * HOUR, 5 * MINUTE);
    expect(h.sent().map((a) => [a.kind, a.title, at(a.atMs)])).toEqual([
      ['slow-run', 'cleanup took 20 min (limit 10 min)', '01:20'],
      ['recovered', 'cleanup recovered after 40 min', '02:00'],
    ]);
  });

  it('stale (dead-man’s switch): no success within 2 periods alerts once, then recovers', async () => {
    let upstreamOk = false;
    await using h = await alertHarness([
      {
        name: 'sync-sets',
        schedule: '0 * * * *',
        alerts: { enabled: false },
        run: () => (upstreamOk ? 'ok' : Promise.reject(new Error('down'))),
      },
      // Skipped for its dependency: quiet as "skipped" here, so only the dead-man's switch can notice.
      { name: 'sync-cards', schedule: '30 * * * *', dependsOn: ['sync-sets'], alerts: { consecutiveSkips: false } },
    ]);
    await h.scheduler.start();
    await h.stepThrough(T0 + 3 * HOUR + 45 * MINUTE, 15 * MINUTE);
    expect(h.sent().map((a) => [a.kind, a.title, at(a.atMs)])).toEqual([
      // Registered at 00:00; its 2nd slot (01:30) was skipped: stale at that very wake.
      ['stale', 'sync-cards has not succeeded for 1 h 30 min', '01:30'],
      // Reminder an hour later while it lasts.
      ['stale', 'sync-cards has not succeeded for 2 h 30 min (ongoing for 1 h)', '02:30'],
      ['stale', 'sync-cards has not succeeded for 3 h 30 min (ongoing for 2 h)', '03:30'],
    ]);
    upstreamOk = true;
    await h.stepThrough(T0 + 5 * HOUR, 15 * MINUTE); // sync-sets succeeds at 04:00, sync-cards at 04:30
    expect(
      h
        .sent()
        .slice(3)
        .map((a) => [a.kind, a.title, at(a.atMs)]),
    ).toEqual([['recovered', 'sync-cards recovered after 3 h', '04:30']]);
  });

  it('stale heartbeat: a running run silent past heartbeatStaleMs alerts, and recovers when it reports progress', async () => {
    await using h = await alertHarness(
      [
        {
          name: 'replicate-to-primary',
          schedule: '0 3 * * *',
          timeoutMs: 3 * HOUR,
          run: async (ctx) => {
            await sleep(h.clock, 45 * MINUTE, { signal: ctx.signal }); // stuck on a lock, no progress
            await ctx.heartbeat({ tables: 1 });
            await sleep(h.clock, 10 * MINUTE, { signal: ctx.signal });
            await ctx.heartbeat({ tables: 2 });
          },
        },
      ],
      { alerts: { heartbeatStaleMs: 30 * MINUTE, staleAfterPeriods: false } },
    );
    await h.scheduler.start();
    await h.stepThrough(T0 + 4 * HOUR, MINUTE);
    const sent = h.sent().map((a) => [a.kind, at(a.atMs)]);
    // Started 03:00, silent past 30 min: noticed at the 03:31 scan (scans run every minute);
    // progress reported at 03:45 is seen by the 03:45 scan.
    expect(sent).toEqual([
      ['heartbeat-stale', '03:31'],
      ['recovered', '03:45'],
    ]);
    expect(h.sent()[0]?.title).toBe('replicate-to-primary: running run silent for 31 min');
  });
});
