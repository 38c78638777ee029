// The last sample of docs/guides/alerts.md, run as a test.
import { expect, it } from 'vitest';
import { type Alert, createMemoryStore, createScheduler, defineJob } from '../../src/index.js';
import { createFakeClock, HOUR } from '../../src/testing.js';

it('an hour of failures of a job every 15 minutes: one alert and one escalation (guide sample)', async () => {
  const clock = createFakeClock(new Date('2026-03-01T00:00:00Z'));
  const alerts: Alert[] = [];
  await using scheduler = createScheduler({
    clock,
    store: createMemoryStore({ clock }),
    notifier: { notify: async (alert) => void alerts.push(alert) },
    jobs: [
      defineJob({
        name: 'health-check',
        schedule: '*/15 * * * *',
        run: () => {
          throw new Error('boom');
        },
      }),
    ],
  });
  const failed: string[] = [];
  scheduler.on('run:failed', (e) => failed.push(e.scheduledFor.toISOString()));
  await scheduler.start();
  await clock.advance(HOUR);
  expect(failed).toHaveLength(4);
  expect(alerts.map((alert) => alert.kind)).toEqual(['failure', 'consecutive-failures']);
  expect(alerts[0]).toMatchObject({ job: 'health-check', severity: 'warning', error: 'Error: boom', attempts: 1 });
  await scheduler.stop();
});
