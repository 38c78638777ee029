import { describe, expect, it } from 'vitest';
import { createScheduler, defineJob } from '../../src/index.js';
import { slackNotifier } from '../../src/slack.js';
import { HOUR, MINUTE } from '../../src/testing.js';
import { alertHarness, T0 } from './harness.js';

/** A job every 15 minutes that fails until `recoversAt`. */
function flaky(recoversAt: number) {
  return {
    name: 'database-health-check',
    schedule: '*/15 * * * *',
    run: (ctx: { now(): number }) => {
      if (ctx.now() < recoversAt) throw new Error('SQLite catalogue unreachable');
      return { ok: true };
    },
  };
}

describe('an outage of a job that runs every 15 minutes', () => {
  it('an hour of failures: one alert, one escalation (3 in a row), then one recovery', async () => {
    await using h = await alertHarness([flaky(T0 + HOUR + 15 * MINUTE)]);
    await h.scheduler.start();
    await h.stepThrough(T0 + 2 * HOUR, 15 * MINUTE);
    const failures = h.finished.filter((run) => run.status === 'failed');
    expect(failures.map((run) => run.scheduledFor.toISOString().slice(11, 16))).toEqual([
      '00:15',
      '00:30',
      '00:45',
      '01:00',
    ]);
    expect(h.sent()).toEqual([
      {
        kind: 'failure',
        key: 'database-health-check:failing',
        title: 'database-health-check failed after 1 attempt',
        reminder: false,
        atMs: T0 + 15 * MINUTE,
      },
      {
        // escalated to critical at the third failure in a row: sent at once, inside the cooldown
        kind: 'consecutive-failures',
        key: 'database-health-check:failing',
        title: 'database-health-check failed 3 times in a row',
        reminder: false,
        atMs: T0 + 45 * MINUTE,
      },
      {
        kind: 'recovered',
        key: 'database-health-check:recovered',
        title: 'database-health-check recovered after 1 h',
        reminder: false,
        atMs: T0 + HOUR + 15 * MINUTE,
      },
    ]);
    expect(h.slack.received).toHaveLength(3);
  });

  it('a longer outage: one alert, one escalation, a reminder at the cooldown, one recovery', async () => {
    await using h = await alertHarness([flaky(T0 + 2 * HOUR)]);
    await h.scheduler.start();
    await h.stepThrough(T0 + 3 * HOUR, 15 * MINUTE);
    const sent = h
      .sent()
      .map(({ kind, reminder, atMs }) => ({ kind, reminder, at: new Date(atMs).toISOString().slice(11, 16) }));
    expect(sent).toEqual([
      { kind: 'failure', reminder: false, at: '00:15' },
      { kind: 'consecutive-failures', reminder: false, at: '00:45' },
      // 01:45: an hour after the last notification (the escalation), a reminder.
      { kind: 'consecutive-failures', reminder: true, at: '01:45' },
      { kind: 'recovered', reminder: false, at: '02:00' },
    ]);
    expect(h.sent()[2]?.title).toBe('database-health-check failed 7 times in a row (ongoing for 1 h 30 min)');
    expect(h.slack.received).toHaveLength(4);
  });

  it('a restart during the outage does not re-send (alert state is in the store)', async () => {
    await using h = await alertHarness([flaky(T0 + 2 * HOUR)]);
    await h.scheduler.start();
    await h.stepThrough(T0 + 30 * MINUTE, 15 * MINUTE);
    expect(h.slack.received).toHaveLength(1);
    await h.scheduler.stop();
    await h.restart().start();
    await h.stepThrough(T0 + 40 * MINUTE, 15 * MINUTE);
    expect(h.slack.received).toHaveLength(1);
    await h.stepThrough(T0 + 2 * HOUR, 15 * MINUTE);
    expect(h.sent().map((a) => [a.kind, a.reminder])).toEqual([
      ['failure', false],
      ['consecutive-failures', false],
      ['consecutive-failures', true],
      ['recovered', false],
    ]);
  });

  it('two instances sharing the store (both monitoring): still one message per notification', async () => {
    const job = flaky(T0 + HOUR + 15 * MINUTE);
    await using h = await alertHarness([job]);
    await using second = createScheduler({
      clock: h.clock,
      store: h.store,
      instanceId: 'second',
      notifier: slackNotifier({ webhookUrl: h.slack.url, clock: h.clock, timeoutMs: 6 * HOUR }),
      jobs: [defineJob(job)],
    });
    const starts: string[] = [];
    for (const scheduler of [h.scheduler, second]) {
      scheduler.on('run:started', (event) => {
        if (event.attempt === 1) starts.push(event.scheduledFor.toISOString());
      });
      await scheduler.start();
    }
    await h.stepThrough(T0 + 2 * HOUR, 15 * MINUTE);
    // each slot is claimed by one instance (either), started once
    expect(starts.length).toBeGreaterThan(0);
    expect(new Set(starts).size).toBe(starts.length);
    expect(h.sent().map((a) => a.kind)).toEqual(['failure', 'consecutive-failures', 'recovered']);
    const stopping = second.stop();
    await h.settle();
    await stopping;
  });
});
