import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../src/testing.js';
import { type AlertHarness, alertHarness, T0 } from './alerts/harness.js';

const at = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('circuit breaker in the scheduler', () => {
  let h: AlertHarness;
  afterEach(() => h?.close());

  it('opens after N failures, skips slots until the cooldown, probes, re-opens, then closes; each transition alerts', async () => {
    h = await alertHarness([
      {
        name: 'replicate-to-primary',
        schedule: '*/15 * * * *',
        circuitBreaker: { failureThreshold: 3, cooldownMs: HOUR },
        run: (ctx) => (ctx.now() < T0 + 2 * HOUR + 30 * MINUTE ? Promise.reject(new Error('primary down')) : 'ok'),
      },
    ]);
    const transitions: string[] = [];
    h.scheduler.on('circuit:transitioned', (e) => transitions.push(`${at(h.clock.now())} ${e.transition}`));
    await h.scheduler.start();
    await h.stepThrough(T0 + HOUR, 15 * MINUTE);
    const [status] = await h.scheduler.status();
    expect(status?.state).toBe('circuit-open');
    expect(status?.circuit).toEqual({ state: 'open', openedAt: new Date(T0 + 45 * MINUTE), consecutiveFailures: 3 });
    await h.stepThrough(T0 + 3 * HOUR, 15 * MINUTE);

    const runs = h.finished.map(
      (run) => `${at(run.scheduledFor.getTime())} ${run.status}${run.reason ? ` ${run.reason}` : ''}`,
    );
    expect(runs).toEqual([
      '00:15 failed',
      '00:30 failed',
      '00:45 failed', // third failure: opens
      '01:00 skipped circuit-open',
      '01:15 skipped circuit-open',
      '01:30 skipped circuit-open',
      '01:45 failed', // cooldown over: the probe fails, re-opens
      '02:00 skipped circuit-open',
      '02:15 skipped circuit-open',
      '02:30 skipped circuit-open',
      '02:45 succeeded', // the next probe succeeds: closed
      '03:00 succeeded',
    ]);
    expect(transitions).toEqual(['00:45 opened', '01:45 reopened', '02:45 closed']);
    expect(h.sent().map((a) => [a.kind, a.reminder, at(a.atMs)])).toEqual([
      ['failure', false, '00:15'],
      ['consecutive-failures', false, '00:45'], // the escalation is posted at once
      ['circuit-open', false, '00:45'],
      ['consecutive-failures', true, '01:45'], // reminders at the cooldown
      ['circuit-open', true, '01:45'],
      ['circuit-closed', false, '02:45'],
    ]);
    expect(h.sent()[2]?.title).toBe('replicate-to-primary: circuit opened after 3 consecutive failures');
    expect(JSON.stringify(h.slack.received[2]?.body)).toContain('until 2026-03-01T01:45:00.000Z');
    const [after] = await h.scheduler.status();
    expect(after?.state).toBe('active');
    expect(after?.circuit).toEqual({ state: 'closed', consecutiveFailures: 0 });
  });
});
