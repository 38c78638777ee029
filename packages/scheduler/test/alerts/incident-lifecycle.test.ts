import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/index.js';
import { HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { alertHarness, T0 } from './harness.js';
import { untilTimerAt } from './helpers.js';

const at = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** A job every 15 minutes that fails while `failing(now)` holds. */
function flaky(failing: (nowMs: number) => boolean) {
  return {
    name: 'database-health-check',
    schedule: '*/15 * * * *',
    run: (ctx: { now(): number }) => {
      if (failing(ctx.now())) throw new Error('SQLite catalogue unreachable');
      return { ok: true };
    },
  };
}

async function failingIncident(store: Store) {
  const state = await store.getState<{ incidents: Record<string, Record<string, unknown>> }>(
    'alerts:job:database-health-check',
  );
  return state?.incidents.failing;
}

describe('an incident, step by step (fake clock, real local HTTP Slack)', () => {
  it('open → escalated → reminded → resolved, each transition posted once', async () => {
    await using h = await alertHarness([flaky((now) => now < T0 + 2 * HOUR)]);
    await h.scheduler.start();

    await h.stepTo(T0 + 15 * MINUTE);
    expect(await failingIncident(h.store)).toMatchObject({ phase: 'open', severity: 'warning', notified: true });
    expect(h.sent().map((a) => [a.kind, a.reminder, at(a.atMs)])).toEqual([['failure', false, '00:15']]);

    // Inside the cooldown, same severity: held back, and the log says so, naming the incident.
    await h.stepTo(T0 + 30 * MINUTE);
    expect(h.slack.received).toHaveLength(1);
    const held = h.logger.lines.filter((line) => line.includes('Alert held back by the cooldown'));
    expect(held).toHaveLength(1);
    expect(held[0]).toContain('"incident":"database-health-check:failing"');

    // Third failure in a row: critical, sent at once although the first warning's cooldown runs.
    await h.stepTo(T0 + 45 * MINUTE);
    expect(await failingIncident(h.store)).toMatchObject({
      phase: 'escalated',
      severity: 'critical',
      notifiedSeverity: 'critical',
    });
    expect(h.sent()[1]).toMatchObject({ kind: 'consecutive-failures', reminder: false, atMs: T0 + 45 * MINUTE });

    // An hour after the escalation: a reminder.
    await h.stepThrough(T0 + HOUR + 45 * MINUTE, 15 * MINUTE);
    expect(await failingIncident(h.store)).toMatchObject({ phase: 'reminded', lastSentAtMs: T0 + HOUR + 45 * MINUTE });
    expect(h.sent()[2]).toMatchObject({ kind: 'consecutive-failures', reminder: true });

    // Success: resolved, one recovery notice, nothing left in the state.
    await h.stepTo(T0 + 2 * HOUR);
    expect(await failingIncident(h.store)).toBeUndefined();
    expect(await h.store.getState('alerts:job:database-health-check')).toMatchObject({ recoveries: {} });
    expect(h.sent().map((a) => [a.kind, a.reminder, at(a.atMs)])).toEqual([
      ['failure', false, '00:15'],
      ['consecutive-failures', false, '00:45'],
      ['consecutive-failures', true, '01:45'],
      ['recovered', false, '02:00'],
    ]);
  });

  it('the recovery reaches a Slack limited to warning and up (the runner’s setting)', async () => {
    await using h = await alertHarness([flaky((now) => now < T0 + 30 * MINUTE)], { slackMinSeverity: 'warning' });
    await h.scheduler.start();
    await h.stepThrough(T0 + 30 * MINUTE, 15 * MINUTE);
    expect(h.sent().map((a) => a.kind)).toEqual(['failure', 'recovered']);
    expect(h.slack.headlines()[1]).toBe(':white_check_mark: database-health-check recovered after 15 min');
  });

  it('a failure after a recovery opens a new incident and is alerted at once', async () => {
    const down = new Set([T0 + 15 * MINUTE, T0 + 45 * MINUTE]);
    await using h = await alertHarness([flaky((now) => down.has(now))]);
    await h.scheduler.start();
    await h.stepThrough(T0 + HOUR, 15 * MINUTE);
    expect(h.sent().map((a) => [a.kind, at(a.atMs)])).toEqual([
      ['failure', '00:15'],
      ['recovered', '00:30'],
      ['failure', '00:45'],
      ['recovered', '01:00'],
    ]);
  });

  it('an alert Slack refused for the whole retry budget is not marked sent: the next evaluation sends it', async () => {
    await using h = await alertHarness([flaky(() => true)]);
    h.slack.reply({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    await h.scheduler.start();
    await h.clock.advanceTo(T0 + 15 * MINUTE);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await h.slack.waitForRequests(attempt);
      const backoffMs = 2 ** (attempt - 1) * SECOND;
      await untilTimerAt(h.clock, h.clock.now() + backoffMs);
      await h.clock.advance(backoffMs);
    }
    await h.slack.waitForRequests(5);
    await h.settle();
    expect(h.slack.accepted).toBe(0);
    expect(await failingIncident(h.store)).toMatchObject({ notified: false, phase: 'open' });
    // The monitor's next check (within a minute) sends it again; Slack accepts it.
    await h.stepTo(T0 + 16 * MINUTE + 15 * SECOND);
    expect(h.slack.accepted).toBe(1);
    expect(await failingIncident(h.store)).toMatchObject({ notified: true });
    // Delivered now: the next failure is within the cooldown.
    await h.stepTo(T0 + 30 * MINUTE);
    expect(h.slack.received).toHaveLength(6);
  });
});

describe('missed slots of a catchUp: skip job', () => {
  const job = { name: 'sync-missing-sets', schedule: '*/15 * * * *', catchUp: { policy: 'skip' as const } };

  it('a clean restart across a slot records it missed but does not alert', async () => {
    await using h = await alertHarness([job]);
    await h.scheduler.start();
    await h.stepTo(T0 + 15 * MINUTE); // one slot run: catch-up starts from it
    // Three deploys, each across a slot (00:30, 01:15, 02:00), with runs in between.
    for (let restart = 0; restart < 3; restart++) {
      const slotMs = T0 + (restart * 3 + 2) * 15 * MINUTE;
      await h.stepThrough(slotMs - 5 * MINUTE, 15 * MINUTE);
      await h.scheduler.stop();
      await h.clock.advanceTo(slotMs + 2 * MINUTE); // down for 7 minutes, across the slot
      await h.restart().start();
      await h.stepTo(h.clock.now() + 2 * SECOND);
    }
    expect(h.finished.filter((run) => run.status === 'missed')).toHaveLength(3);
    expect(h.slack.received).toHaveLength(0);
    expect(h.logger.lines.filter((line) => line.includes('Slots missed during a restart (not alerted)'))).toHaveLength(
      3,
    );
  });

  it('slots missed after a stop longer than a restart still alert (as an outage of the scheduler)', async () => {
    await using h = await alertHarness([job]);
    await h.scheduler.start();
    await h.stepTo(T0 + 25 * MINUTE);
    await h.scheduler.stop();
    // Back 20 minutes after the stop: longer than a restart.
    await h.clock.advanceTo(T0 + 45 * MINUTE + 30 * SECOND);
    await h.restart().start();
    await h.stepTo(h.clock.now() + 2 * SECOND);
    expect(h.finished.filter((run) => run.status === 'missed')).toHaveLength(1); // 00:30; 00:45 runs
    expect(h.sent().map((a) => [a.kind, a.title])).toEqual([
      ['outage', 'scheduler down from 2026-03-01T00:25:00.000Z to 2026-03-01T00:45:30.000Z, 1 slot of 1 job missed'],
    ]);
  });
});
