import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createScheduler,
  defineJob,
  fanOut,
  logNotifier,
  type Notifier,
  type Scheduler,
  type Store,
} from '../../src/index.js';
import { slackNotifier } from '../../src/slack.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { createFakeClock, type FakeClock, HOUR, MINUTE } from '../../src/testing.js';
import { T0 } from './harness.js';
import { until } from './helpers.js';
import { recordingLogger } from './recording-logger.js';
import { FakeSlack } from './slack-server.js';

const job = {
  name: 'backup-database',
  schedule: '*/15 * * * *',
  run: (ctx: { now(): number }) => {
    if (ctx.now() < T0 + HOUR) throw new Error('disk full');
    return 'ok';
  },
};

let slack: FakeSlack | undefined;
let dir: string | undefined;
const running: Scheduler[] = [];
afterEach(async () => {
  for (const scheduler of running.splice(0)) await scheduler.stop();
  await slack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  slack = undefined;
  dir = undefined;
});

/** Deliveries handed to the notifier and not settled yet (real HTTP round trips to the local Slack). */
let pendingDeliveries = 0;

/** Counts `notifier`'s deliveries in flight, so the test moves fake time only between them. */
function tracked(notifier: Notifier): Notifier {
  return {
    ...(notifier.name === undefined ? {} : { name: notifier.name }),
    ...(notifier.channels === undefined ? {} : { channels: notifier.channels }),
    async notify(alert, signal) {
      pendingDeliveries++;
      try {
        await notifier.notify(alert, signal);
      } finally {
        pendingDeliveries--;
      }
    },
  };
}

/** The runner's notifier: Slack (warning and up) and the log, or the log alone without a webhook. */
function runnerNotifier(clock: FakeClock, webhookUrl: string | undefined) {
  const log = logNotifier(recordingLogger());
  if (webhookUrl === undefined) return log;
  return tracked(fanOut([slackNotifier({ webhookUrl, clock, minSeverity: 'warning', timeoutMs: 6 * HOUR }), log]));
}

function scheduler(clock: FakeClock, store: Store, webhookUrl: string | undefined, instanceId: string): Scheduler {
  const created = createScheduler({
    clock,
    store,
    instanceId,
    notifier: runnerNotifier(clock, webhookUrl),
    jobs: [defineJob(job)],
  });
  running.push(created);
  return created;
}

async function stepThrough(clock: FakeClock, toMs: number, expected?: () => boolean): Promise<void> {
  while (clock.now() < toMs) {
    // Fake time moves on only once every delivery has settled, as real time would have let it: on a
    // loaded machine the local HTTP is slow, and 5 fake minutes would time a delivery out in the middle.
    await until(
      () => pendingDeliveries === 0,
      () => `${pendingDeliveries} alert deliveries to settle`,
    );
    await clock.advanceTo(Math.min(toMs, clock.now() + 5 * MINUTE));
    await clock.flush();
  }
  if (expected) {
    await until(expected, () => `Slack to receive the expected messages (got ${JSON.stringify(slack?.headlines())})`);
  }
}

describe('delivery is recorded per channel', () => {
  it('an incident alerted while only the log was configured is posted to Slack once a webhook is', async () => {
    const clock = createFakeClock(T0);
    const store = createMemoryStore({ clock });
    slack = await FakeSlack.start();
    const logOnly = scheduler(clock, store, undefined, 'log-only');
    await logOnly.start();
    await stepThrough(clock, T0 + 20 * MINUTE);
    await logOnly.stop();
    running.splice(0);
    expect(slack.received).toHaveLength(0);

    // Restarted with SLACK_WEBHOOK_URL set: the open incident reaches Slack, then its recovery.
    const withSlack = scheduler(clock, store, slack.url, 'with-slack');
    await withSlack.start();
    // Sent when the scheduler starts (no time has to pass), before the clock moves on.
    await until(
      () => slack?.accepted === 1,
      () => 'the open incident to reach Slack at start',
    );
    await stepThrough(clock, T0 + 25 * MINUTE, () => slack?.accepted === 1);
    expect(slack.headlines()).toEqual([':warning: backup-database failed after 1 attempt']);
    await stepThrough(clock, T0 + HOUR + MINUTE, () => slack?.accepted === 3);
    expect(slack.headlines().slice(1)).toEqual([
      ':rotating_light: backup-database failed 3 times in a row',
      ':white_check_mark: backup-database recovered after 45 min',
    ]);
  });
});

describe('several instances on one store send one message per notification', () => {
  let shared: Store | undefined;
  it.each([
    ['memory', (clock: FakeClock) => (shared ??= createMemoryStore({ clock }))],
    [
      'SQLite',
      (clock: FakeClock) => {
        dir ??= mkdtempSync(join(tmpdir(), 'alerts-two-'));
        return createSqliteStore({ filename: join(dir, 'scheduler.sqlite3') }, { clock });
      },
    ],
  ])('%s: two schedulers on one store (SQLite: each with its own handle)', async (_name, makeStore) => {
    const clock = createFakeClock(T0);
    slack = await FakeSlack.start();
    const stores = [makeStore(clock), makeStore(clock)];
    for (const [i, store] of stores.entries()) await scheduler(clock, store, slack.url, `instance-${i}`).start();
    await stepThrough(clock, T0 + HOUR + MINUTE, () => slack?.accepted === 3);
    await stepThrough(clock, T0 + 2 * HOUR);
    expect(slack.headlines()).toEqual([
      ':warning: backup-database failed after 1 attempt',
      ':rotating_light: backup-database failed 3 times in a row',
      ':white_check_mark: backup-database recovered after 45 min',
    ]);
    for (const scheduler of running.splice(0)) await scheduler.stop();
    for (const store of new Set(stores)) await store.close();
  });
});
