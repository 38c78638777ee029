import { describe, expect, it } from 'vitest';
import { InvalidJobError, InvalidOptionError } from '../../src/core/errors.js';
import { createMemoryStore, createScheduler, defineJob, retry, withTimeout } from '../../src/index.js';
import { createPostgresStore } from '../../src/postgres.js';
import { slackNotifier } from '../../src/slack.js';
import { createSqliteStore } from '../../src/sqlite.js';

const job = defineJob({ name: 'x', schedule: '0 * * * *', run: () => undefined });
const scheduler = (options: object) => () => createScheduler({ jobs: [job], store: createMemoryStore(), ...options });

/** The error thrown by `fn`, synchronously or as a rejection. */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('one message template for every validated option', () => {
  const cases: [string, () => unknown, string, object][] = [
    [
      'a job definition',
      () => defineJob({ name: 'sync-cards', schedule: '0 3 * * *', timeoutMs: -1, run: () => undefined }),
      'Expected `timeoutMs` of Job "sync-cards" to be a positive finite number, got `-1`.',
      { name: 'InvalidJobError', job: 'sync-cards', field: 'timeoutMs' },
    ],
    [
      'createScheduler',
      scheduler({ shutdownGraceMs: -1 }),
      'Expected `shutdownGraceMs` of createScheduler to be a non-negative finite number, got `-1`.',
      { name: 'InvalidOptionError', component: 'createScheduler', option: 'shutdownGraceMs' },
    ],
    [
      'createScheduler, an integer in range',
      scheduler({ maxTimerDelayMs: 10 }),
      'Expected `maxTimerDelayMs` of createScheduler to be an integer from 1000 to 2147483647, got `10`.',
      { component: 'createScheduler', option: 'maxTimerDelayMs' },
    ],
    [
      'createScheduler, a non-empty string',
      scheduler({ instanceId: '' }),
      'Expected `instanceId` of createScheduler to be a non-empty string, got `""`.',
      { component: 'createScheduler', option: 'instanceId' },
    ],
    [
      'createScheduler alerts',
      scheduler({ alerts: { heartbeatStaleMs: 0 } }),
      'Expected `alerts.heartbeatStaleMs` of createScheduler to be a positive finite number, got `0`.',
      { component: 'createScheduler', option: 'alerts.heartbeatStaleMs' },
    ],
    [
      'retry()',
      () => retry(async () => 1, { backoff: 'linear' as never }),
      "Expected `backoff` of retry() to be one of 'fixed' or 'exponential', got `\"linear\"`.",
      { name: 'InvalidOptionError', component: 'retry', option: 'backoff' },
    ],
    [
      'withTimeout()',
      () => withTimeout(async () => 1, 0),
      'Expected `timeoutMs` of withTimeout() to be a positive finite number, got `0`.',
      { component: 'withTimeout', option: 'timeoutMs' },
    ],
    [
      'slackNotifier',
      () => slackNotifier({ webhookUrl: 'https://hooks.slack.invalid/x', maxAttempts: 2.5 }),
      'Expected `maxAttempts` of slackNotifier to be an integer of at least 1, got `2.5`.',
      { component: 'slackNotifier', option: 'maxAttempts' },
    ],
    [
      'the SQLite store factory',
      () => createSqliteStore({ filename: ':memory:' }, { tablePrefix: '1x' }),
      'Expected `tablePrefix` of createSqliteStore to be letters, digits and underscores (at most 41, starting with a letter or _), got `"1x"`.',
      { component: 'createSqliteStore', option: 'tablePrefix' },
    ],
    [
      'the PostgreSQL store factory',
      () => createPostgresStore({ connectionString: 'postgres://127.0.0.1:1/none' }, { schema: 'a-b' }),
      'Expected `schema` of createPostgresStore to be letters, digits and underscores (at most 63, starting with a letter or _), got `"a-b"`.',
      { component: 'createPostgresStore', option: 'schema' },
    ],
  ];

  it.each(cases)('%s', async (_, fn, message, fields) => {
    const error = await thrown(fn);
    expect(error).toBeInstanceOf(fields && 'job' in fields ? InvalidJobError : InvalidOptionError);
    expect(error).toMatchObject({ message, ...fields });
  });

  it('names the closest known key for a typo, in the same words everywhere', async () => {
    expect(await thrown(scheduler({ alerts: { onFailur: true } }))).toMatchObject({
      message: 'Unknown option `alerts.onFailur` of createScheduler. Did you mean `alerts.onFailure`?',
      option: 'alerts.onFailur',
    });
    expect(await thrown(() => retry(async () => 1, { jiter: true } as never))).toMatchObject({
      message: 'Unknown option `jiter` of retry(). Did you mean `jitter`?',
    });
  });

  it('blames a bad scheduler-wide alert option on createScheduler, not on the job it is merged into', async () => {
    const perJob = defineJob({ name: 'y', schedule: '0 * * * *', alerts: { onFailure: true }, run: () => undefined });
    const error = await thrown(() =>
      createScheduler({ jobs: [perJob], store: createMemoryStore(), alerts: { cooldownMs: -1 } }),
    );
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ component: 'createScheduler', option: 'alerts.cooldownMs' });
  });

  it('never shows a secret value', async () => {
    const error = await thrown(() => slackNotifier({ webhookUrl: 'hooks.slack.invalid/T0/B0/secret-token' }));
    expect(error).toMatchObject({
      message:
        'Expected `webhookUrl` of slackNotifier to be an http(s) URL (value not shown: it is a secret). Check SLACK_WEBHOOK_URL.',
      component: 'slackNotifier',
    });
  });
});
