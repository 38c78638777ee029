import { describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../src/testing.js';
import { alertHarness, T0 } from './harness.js';
import { untilTimerAt } from './helpers.js';

const failing = (name: string) => ({
  name,
  schedule: '*/15 * * * *',
  run: () => Promise.reject(new Error('catalogue locked')),
});

describe('alert delivery', () => {
  it('Slack answering 500 then 200 gets exactly one delivery', async () => {
    await using h = await alertHarness([failing('backup-database')]);
    h.slack.reply({ status: 500 });
    await h.scheduler.start();
    await h.clock.advanceTo(T0 + 15 * MINUTE);
    await h.slack.waitForRequests(1);
    await untilTimerAt(h.clock, T0 + 15 * MINUTE + SECOND); // the notifier's backoff
    expect(h.slack.received).toHaveLength(1);
    await h.stepTo(T0 + 15 * MINUTE + SECOND);
    expect(h.slack.received).toHaveLength(2);
    expect(h.slack.accepted).toBe(1);
    expect(h.sent().map((a) => a.key)).toEqual(['backup-database:failing', 'backup-database:failing']);
    await h.stepTo(T0 + 30 * MINUTE);
    expect(h.slack.accepted).toBe(1);
  });

  it('a hanging Slack never delays the next scheduled run', async () => {
    await using h = await alertHarness([failing('database-health-check')]);
    h.slack.reply('hang', 'hang', 'hang', 'hang');
    const lateness: number[] = [];
    h.scheduler.on('run:started', (e) => lateness.push(e.latenessMs));
    await h.scheduler.start();
    for (let slot = 1; slot <= 4; slot++) {
      await h.clock.advanceTo(T0 + slot * 15 * MINUTE);
      await h.slack.waitForRequests(1);
    }
    expect(lateness).toEqual([0, 0, 0, 0]);
    expect(h.finished.map((run) => run.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    // Each hanging delivery is given up after 5 minutes and sent again at a later evaluation.
    expect(h.slack.received.length).toBeGreaterThan(1);
    // stop() gives queued alerts a bounded grace (5 s on the scheduler's clock), then drops them.
    const stopping = h.scheduler.stop();
    await h.clock.advance(5 * SECOND);
    await stopping;
    await h.slack.close();
  });

  it('the webhook URL appears in no log line, even when delivery fails', async () => {
    await using h = await alertHarness([failing('sync-missing-cards')]);
    h.slack.reply({ status: 500 }, { status: 503 }, { status: 502 }, { status: 500 }, { status: 500 });
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
    expect(h.slack.received).toHaveLength(5);
    const failure = h.logger.lines.find((line) => line.includes('Alert delivery failed'));
    expect(failure).toContain('Slack webhook returned 500.');
    expect(h.logger.lines.length).toBeGreaterThanOrEqual(2);
    for (const line of h.logger.lines) {
      expect(line).not.toContain(h.slack.url);
      expect(line).not.toContain('xoxSecretToken123');
      expect(line).not.toContain('T000SECRET');
    }
  });

  it('a burst over the rate limit sends 20 alerts and one "N more suppressed" summary', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `job-${String(i).padStart(2, '0')}`);
    await using h = await alertHarness(names.map(failing));
    await h.scheduler.start();
    await h.stepTo(T0 + 15 * MINUTE);
    expect(h.slack.received).toHaveLength(20);
    await h.stepTo(T0 + 16 * MINUTE);
    expect(h.slack.received).toHaveLength(21);
    const summary = h.sent()[20];
    expect(summary).toMatchObject({
      kind: 'suppressed-summary',
      title: '5 more alerts were suppressed by the rate limit',
    });
    expect(summary?.atMs).toBe(T0 + 16 * MINUTE);
    // The suppressed incidents are not re-sent at the next failures (dedupe still holds).
    await h.stepTo(T0 + 30 * MINUTE);
    expect(h.slack.received).toHaveLength(21);
  });
});
