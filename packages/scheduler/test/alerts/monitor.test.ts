import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../src/alerts/monitor.js';
import { type Alert, createMemoryStore, type RunRecord, type Store } from '../../src/index.js';
import { createFakeClock, type FakeClock, MINUTE } from '../../src/testing.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Records a finished run in a real store, as the scheduler would. */
async function finishedRun(
  store: Store,
  clock: FakeClock,
  job: string,
  status: 'succeeded' | 'failed',
): Promise<RunRecord> {
  const id = randomUUID();
  const scheduledFor = new Date(clock.now());
  await store.claimRun({
    id,
    job,
    scheduledFor,
    claimKey: scheduledFor.toISOString(),
    trigger: 'schedule',
    instanceId: 'i',
    leaseMs: MINUTE,
  });
  const now = new Date(clock.now());
  const error = status === 'failed' ? { name: 'Error', message: 'boom' } : undefined;
  await store.recordAttempt(id, 'i', {
    attempt: 1,
    startedAt: now,
    finishedAt: now,
    status,
    ...(error ? { error } : {}),
  });
  await store.finishRun(id, { status, instanceId: 'i', finishedAt: now, ...(error ? { error } : {}) });
  return (await store.getRun(id))!;
}

describe('createAlertMonitor on its own (a store watched without a scheduler)', () => {
  it('turns fed runs into alerts and flush() waits for their delivery', async () => {
    const clock = createFakeClock(T0);
    const store = createMemoryStore({ clock });
    await store.init();
    await store.reconcileJobs([{ name: 'export', schedule: '*/5 * * * *', timezone: 'UTC' }]);
    const got: Alert[] = [];
    const monitor = createAlertMonitor({
      store,
      clock,
      notifier: { notify: async (alert) => void got.push(alert) },
      perJob: new Map([['export', { consecutiveFailures: 2 }]]),
      scheduleOf: () => undefined,
    });
    monitor.onRunFinished(await finishedRun(store, clock, 'export', 'failed'));
    await clock.advance(5 * MINUTE);
    monitor.onRunFinished(await finishedRun(store, clock, 'export', 'failed'));
    await clock.advance(5 * MINUTE);
    monitor.onRunFinished(await finishedRun(store, clock, 'export', 'succeeded'));
    await monitor.flush();
    expect(got.map((a) => [a.kind, a.severity, a.title])).toEqual([
      ['failure', 'warning', 'export failed after 1 attempt'],
      // 2 in a row is critical for this job: an escalation is sent at once, inside the cooldown.
      ['consecutive-failures', 'critical', 'export failed 2 times in a row'],
      // The recovery carries the severity it resolves (it reaches every channel the incident reached).
      ['recovered', 'critical', 'export recovered after 10 min'],
    ]);
    expect(got[2]?.resolved).toBe(true);
    expect(await store.getState('alerts:job:export')).toMatchObject({ incidents: {}, recoveries: {} });
    await monitor.stop();
  });
});
