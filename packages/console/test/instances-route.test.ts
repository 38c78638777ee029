// GET /api/instances: the scheduler's liveness record of every instance sharing the store.
import { createMemoryStore, createScheduler, defineJob } from '@pokemon/scheduler';
import { createFakeClock, MINUTE } from '@pokemon/scheduler/testing';
import { expect, it } from 'vitest';
import { startHarness } from './harness.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const tick = () => defineJob({ name: 'tick', schedule: '* * * * *', run: () => 'ok' });

it('lists this instance running and another stopped cleanly, with their times', async () => {
  const clock = createFakeClock(T0);
  const store = createMemoryStore({ clock });
  await using h = await startHarness({ store, clock, jobs: [tick()] });
  await h.scheduler.start();
  await clock.advanceTo(T0 + 2 * MINUTE);
  const other = createScheduler({ jobs: [tick()], store, clock, instanceId: 'other' });
  await other.start();
  await clock.advanceTo(T0 + 3 * MINUTE);
  await other.stop();
  const res = await h.call('GET', '/api/instances', { role: 'viewer' });
  expect(res.status).toBe(200);
  const { instances } = (await res.json()) as { instances: unknown[] };
  expect(instances).toEqual([
    {
      id: h.scheduler.instanceId,
      self: true,
      alive: true,
      startedAt: new Date(T0).toISOString(),
      lastSeenAt: new Date(T0 + 3 * MINUTE).toISOString(),
      running: 0,
    },
    {
      id: 'other',
      self: false,
      alive: false,
      startedAt: new Date(T0 + 2 * MINUTE).toISOString(),
      lastSeenAt: new Date(T0 + 3 * MINUTE).toISOString(),
      stoppedAt: new Date(T0 + 3 * MINUTE).toISOString(),
      running: 0,
    },
  ]);
});
