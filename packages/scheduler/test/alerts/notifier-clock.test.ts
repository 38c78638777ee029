// One clock: a Slack notifier created without a clock waits its retry delays on the clock of the
// scheduler it is given to (here a fake one), also inside fanOut and withMinSeverity.
import { setTimeout as ioTurn } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, fanOut } from '../../src/index.js';
import { slackNotifier } from '../../src/slack.js';
import { createFakeClock, MINUTE, SECOND } from '../../src/testing.js';
import { FakeSlack } from './slack-server.js';

let slack: FakeSlack;
beforeEach(async () => {
  slack = await FakeSlack.start();
});
afterEach(async () => {
  await slack.close();
});

it('a Slack retry after a 500 waits on the scheduler’s fake clock, not on real time', async () => {
  const clock = createFakeClock(Date.parse('2026-05-01T00:00:00Z'));
  slack.reply({ status: 500 });
  const broken = defineJob({
    name: 'broken',
    schedule: '0 0 1 1 *',
    run: () => {
      throw new Error('boom');
    },
  });
  const notifier = fanOut([slackNotifier({ webhookUrl: slack.url, minSeverity: 'warning', initialDelayMs: MINUTE })]);
  await using scheduler = createScheduler({ jobs: [broken], store: createMemoryStore(), clock, notifier });
  await scheduler.start();
  await scheduler.trigger('broken');
  await slack.waitForRequests(1);
  // The retry is a minute away in fake time: move the fake clock (a second at a time, letting the
  // local HTTP exchange finish) until it has been sent. On real time it would not come for a minute.
  for (let step = 0; step < 2 * 60 && slack.received.length < 2; step++) {
    await clock.advance(SECOND);
    await ioTurn(2);
  }
  expect(slack.received).toHaveLength(2);
  expect(slack.accepted).toBe(1);
  expect(clock.now() - Date.parse('2026-05-01T00:00:00Z')).toBeGreaterThanOrEqual(MINUTE);
});
