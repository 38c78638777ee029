import { describe, expect, it } from 'vitest';
import {
  type Alert,
  createMemoryStore,
  createScheduler,
  defineJob,
  fanOut,
  logNotifier,
  type Notifier,
  NotifierError,
  withMinSeverity,
} from '../../src/index.js';
import { sampleAlert } from './helpers.js';
import { recordingLogger } from './recording-logger.js';

function recorder(name: string): Notifier & { got: Alert[] } {
  const got: Alert[] = [];
  return { name, got, notify: async (alert) => void got.push(alert) };
}

describe('built-in notifiers', () => {
  it('logNotifier writes one line per alert at the level of its severity', async () => {
    const logger = recordingLogger();
    const notifier = logNotifier(logger);
    await notifier.notify(sampleAlert({ severity: 'critical' }));
    await notifier.notify(sampleAlert({ severity: 'warning' }));
    await notifier.notify(sampleAlert({ severity: 'info', kind: 'recovered', title: 'sync-cards recovered' }));
    expect(logger.lines.map((line) => line.split(' ')[0])).toEqual(['error', 'warn', 'info']);
    expect(logger.lines[0]).toContain('sync-cards failed after 3 attempts');
    expect(logger.lines[0]).toContain('"key":"sync-cards:failing"');
    expect(logger.lines[0]).toContain('"runId":"0b7e6d3c-0000-4000-8000-000000000001"');
  });

  it('withMinSeverity lets through only alerts at or above its level', async () => {
    const slack = recorder('slack');
    const limited = withMinSeverity(slack, 'warning');
    for (const severity of ['info', 'warning', 'critical'] as const) await limited.notify(sampleAlert({ severity }));
    expect(slack.got.map((a) => a.severity)).toEqual(['warning', 'critical']);
  });

  it('fanOut delivers to every notifier and reports the ones that failed, after the others delivered', async () => {
    const log = recorder('log');
    const broken: Notifier = { name: 'slack', notify: () => Promise.reject(new Error('Slack webhook returned 500.')) };
    const error = await fanOut([broken, log])
      .notify(sampleAlert())
      .catch((e: unknown) => e);
    expect(log.got).toHaveLength(1);
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as Error).message).toBe('1 of 2 notifiers failed (slack: Slack webhook returned 500.).');
  });
});

describe('alert options are validated by createScheduler', () => {
  const store = createMemoryStore();
  const job = (alerts?: object) =>
    defineJob({ name: 'sync-sets', schedule: '0 2 * * *', run: () => 'ok', ...(alerts ? { alerts } : {}) });
  const notifier = recorder('x');

  it('rejects a bad global value, naming the field', () => {
    expect(() => createScheduler({ jobs: [job()], store, notifier, alerts: { consecutiveFailures: 0 } })).toThrow(
      'Expected `alerts.consecutiveFailures` of createScheduler to be a positive integer or false, got `0`.',
    );
    expect(() => createScheduler({ jobs: [job()], store, notifier, alerts: { cooldownMs: '1h' as never } })).toThrow(
      expect.objectContaining({
        name: 'InvalidOptionError',
        code: 'INVALID_OPTION',
        component: 'createScheduler',
        option: 'alerts.cooldownMs',
        message: 'Expected `alerts.cooldownMs` of createScheduler to be a non-negative finite number, got `"1h"`.',
      }),
    );
  });

  it('names the new option when an old duration name is passed (cooldown, failureRate.window)', () => {
    const global = { cooldown: '1h' } as object;
    expect(() => createScheduler({ jobs: [job()], store, notifier, alerts: global })).toThrow(
      expect.objectContaining({
        option: 'alerts.cooldown',
        message: 'Unknown option `alerts.cooldown` of createScheduler. Did you mean `alerts.cooldownMs`?',
      }),
    );
    expect(() => createScheduler({ jobs: [job({ failureRate: { window: '24h' } })], store, notifier })).toThrow(
      expect.objectContaining({
        name: 'InvalidJobError',
        job: 'sync-sets',
        message:
          'Unknown option `alerts.failureRate.window` of Job "sync-sets". Did you mean `alerts.failureRate.windowMs`?',
      }),
    );
  });

  it('rejects a bad per-job override, naming the job, even without a notifier', () => {
    expect(() => createScheduler({ jobs: [job({ failureRate: { threshold: 2 } })], store })).toThrow(
      'Expected `alerts.failureRate.threshold` of Job "sync-sets" to be a fraction in (0, 1], got `2`.',
    );
  });

  it('rejects an unknown option (a typo) and names the closest known one', () => {
    expect(() => createScheduler({ jobs: [job({ consecutiveFailure: 2 })], store, notifier })).toThrow(
      'Unknown option `alerts.consecutiveFailure` of Job "sync-sets". Did you mean `alerts.consecutiveFailures`?',
    );
  });
});
