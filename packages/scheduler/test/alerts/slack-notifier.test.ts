import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOptionError, NotifierError } from '../../src/index.js';
import { slackNotifier } from '../../src/slack.js';
import { createFakeClock, type FakeClock, SECOND } from '../../src/testing.js';
import { sampleAlert, untilTimerAt } from './helpers.js';
import { FakeSlack } from './slack-server.js';

const T0 = Date.parse('2026-03-01T03:00:00Z');

describe('slackNotifier against a local HTTP server', () => {
  let slack: FakeSlack;
  let clock: FakeClock;

  beforeEach(async () => {
    slack = await FakeSlack.start();
    clock = createFakeClock(T0);
  });
  afterEach(() => slack.close());

  it('posts one Block Kit message with job, status, attempts, duration, error and run id', async () => {
    await slackNotifier({ webhookUrl: slack.url, clock }).notify(sampleAlert());
    expect(slack.received).toHaveLength(1);
    const [request] = slack.received;
    expect(request?.path).toBe(slack.secretPath);
    expect(request?.contentType).toMatch(/^application\/json/);
    const blocks = request?.body.blocks ?? [];
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':warning: sync-cards failed after 3 attempts', emoji: true },
    });
    const facts = JSON.stringify(blocks[1]);
    for (const fact of ['*Job*\\n`sync-cards`', '*Status*\\nfailed', '*Attempts*\\n3', '*Duration*\\n1 min 5 s']) {
      expect(facts).toContain(fact);
    }
    expect(facts).toContain('0b7e6d3c-0000-4000-8000-000000000001');
    expect(JSON.stringify(blocks)).toContain('upstream &lt;api&gt; answered 503');
    expect(request?.body.text).toBe(':warning: sync-cards failed after 3 attempts');
  });

  it('retries a 500 and delivers exactly once when Slack then answers 200', async () => {
    slack.reply({ status: 500 });
    const delivery = slackNotifier({ webhookUrl: slack.url, clock }).notify(sampleAlert());
    await untilTimerAt(clock, T0 + SECOND); // backoff before the 2nd attempt
    expect(slack.received).toHaveLength(1);
    await clock.advance(SECOND);
    await delivery;
    expect(slack.received).toHaveLength(2);
    expect(slack.accepted).toBe(1);
  });

  it('honours Retry-After on 429, even beyond the backoff bound', async () => {
    slack.reply({ status: 429, headers: { 'retry-after': '70' } });
    const delivery = slackNotifier({ webhookUrl: slack.url, clock, maxDelayMs: 30 * SECOND }).notify(sampleAlert());
    await untilTimerAt(clock, T0 + 70 * SECOND);
    await clock.advance(70 * SECOND - 1);
    expect(slack.received).toHaveLength(1);
    await clock.advance(1);
    await delivery;
    expect(slack.received).toHaveLength(2);
  });

  it('times out a hanging request with the injected clock, then retries', async () => {
    slack.reply('hang');
    const delivery = slackNotifier({ webhookUrl: slack.url, clock, timeoutMs: 5 * SECOND }).notify(sampleAlert());
    await untilTimerAt(clock, T0 + 5 * SECOND);
    await clock.advance(5 * SECOND);
    await untilTimerAt(clock, T0 + 6 * SECOND);
    await clock.advance(SECOND);
    await delivery;
    expect(slack.received).toHaveLength(2);
    expect(slack.accepted).toBe(1);
  });

  it('gives up after maxAttempts with an error that names the status, never the URL', async () => {
    slack.reply({ status: 500 }, { status: 502 }, { status: 503 });
    const delivery = slackNotifier({ webhookUrl: slack.url, clock, maxAttempts: 3 }).notify(sampleAlert());
    const failure = delivery.catch((error: unknown) => error);
    await untilTimerAt(clock, T0 + SECOND);
    await clock.advance(SECOND);
    await untilTimerAt(clock, T0 + 3 * SECOND);
    await clock.advance(2 * SECOND);
    const error = await failure;
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as NotifierError).message).toBe('Slack webhook returned 503.');
    expect((error as NotifierError).status).toBe(503);
    expect(slack.received).toHaveLength(3);
    expect(JSON.stringify(error)).not.toContain('Secret');
  });

  it('does not retry a 4xx answer (other than 429) and shows Slack’s error code', async () => {
    slack.reply({ status: 400, body: 'invalid_payload' });
    const error = await slackNotifier({ webhookUrl: slack.url, clock })
      .notify(sampleAlert())
      .catch((e: unknown) => e as NotifierError);
    expect(error).toMatchObject({ code: 'NOTIFIER_FAILED', status: 400, retryable: false });
    expect((error as Error).message).toContain('Slack webhook returned 400 (invalid_payload).');
    expect((error as Error).message).not.toContain(slack.url);
    expect(slack.received).toHaveLength(1);
  });

  it('reports a network error by its code without the URL', async () => {
    const url = slack.url;
    await slack.close();
    const error = (await slackNotifier({ webhookUrl: url, clock, maxAttempts: 1 })
      .notify(sampleAlert())
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(NotifierError);
    expect(error.message).toBe('Slack webhook request failed (ECONNREFUSED): network error.');
    expect(`${error.message}${error.stack}`).not.toContain('Secret');
  });

  it('skips alerts below minSeverity', async () => {
    const notifier = slackNotifier({ webhookUrl: slack.url, clock, minSeverity: 'warning' });
    await notifier.notify(sampleAlert({ severity: 'info', title: 'recovered' }));
    await notifier.notify(sampleAlert({ severity: 'critical', title: 'down' }));
    expect(slack.headlines()).toEqual([':rotating_light: down']);
  });

  it('adds a "View run" button from linkTemplate', async () => {
    const linkTemplate = 'https://ops.example.com/jobs/{job}/runs/{runId}';
    await slackNotifier({ webhookUrl: slack.url, clock, linkTemplate }).notify(sampleAlert());
    const actions = slack.received[0]?.body.blocks.find((b) => b.type === 'actions');
    expect(JSON.stringify(actions)).toContain(
      'https://ops.example.com/jobs/sync-cards/runs/0b7e6d3c-0000-4000-8000-000000000001',
    );
  });

  it('aborts an in-flight delivery when the signal aborts', async () => {
    slack.reply('hang');
    const controller = new AbortController();
    const delivery = slackNotifier({ webhookUrl: slack.url, clock }).notify(sampleAlert(), controller.signal);
    await slack.waitForRequests(1);
    controller.abort(new Error('stopping'));
    await expect(delivery).rejects.toThrow('stopping');
  });

  it('rejects a malformed webhook URL without echoing it', () => {
    expect(() => slackNotifier({ webhookUrl: 'hooks.slack.com/services/T0/B0/secret-token' })).toThrow(
      expect.objectContaining({ name: 'InvalidOptionError', component: 'slackNotifier', option: 'webhookUrl' }),
    );
    expect(() => slackNotifier({ webhookUrl: 'x' })).toThrow(InvalidOptionError);
    try {
      slackNotifier({ webhookUrl: 'hooks.slack.com/services/T0/B0/secret-token' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-token');
      expect((error as Error).message).toContain('SLACK_WEBHOOK_URL');
    }
  });
});
