// auditSlots reading PostgreSQL: the audit log, the liveness record and a history recorded through the store's API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { createScheduler, defineJob } from '../../src/index.js';
import { createPostgresStore } from '../../src/postgres.js';
import type { Store } from '../../src/store/types.js';
import { createFakeClock, HOUR, MINUTE } from '../../src/testing.js';
import { T0 } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('slot_audit_pg');
});
afterAll(async () => {
  await db.drop();
});

/** Records the slot as a scheduler does: claimed at the slot, one attempt, finished 40 ms later. */
async function ran(store: Store, slotMs: number, trigger: 'schedule' | 'catch-up' = 'schedule'): Promise<void> {
  const id = crypto.randomUUID();
  const scheduledFor = new Date(slotMs);
  const claim = {
    id,
    job: 'health',
    scheduledFor,
    claimKey: scheduledFor.toISOString(),
    trigger,
    instanceId: 'i',
    leaseMs: 60_000,
  };
  if (!(await store.claimRun(claim)).claimed) throw new Error('slot already claimed');
  const startedAt = new Date(slotMs + (trigger === 'catch-up' ? 5 * MINUTE : 0));
  const finishedAt = new Date(startedAt.getTime() + 40);
  await store.recordAttempt(id, 'i', { attempt: 1, startedAt, finishedAt, status: 'succeeded' });
  await store.finishRun(id, { status: 'succeeded', instanceId: 'i', finishedAt });
}

it('classifies each slot from what the PostgreSQL store holds', async () => {
  const clock = createFakeClock(T0 - MINUTE);
  await using store = createPostgresStore({ connectionString: db.url }, { schema: 'slot_audit', clock });
  const job = defineJob({ name: 'health', schedule: '*/15 * * * *', run: () => 'ok' });
  const first = createScheduler({ jobs: [job], store, clock, instanceId: 'first' });
  await first.start(); // deploy entry and liveness at T0 - 1 min
  await first.stop();
  // an operator's scheduler (never started): its pause and resume go to the audit log
  const second = createScheduler({ jobs: [job], store, clock, instanceId: 'second' });
  for (let slot = T0; slot <= T0 + HOUR; slot += 15 * MINUTE) await ran(store, slot);
  await clock.advanceTo(T0 + HOUR + 5 * MINUTE);
  await second.pause('health', { actor: 'ops' }); // 01:15 and 01:30 have no record: paused
  await clock.advanceTo(T0 + HOUR + 40 * MINUTE);
  await second.resume('health', { actor: 'ops' });
  await ran(store, T0 + HOUR + 45 * MINUTE);
  await clock.advanceTo(T0 + 2 * HOUR + 5 * MINUTE);
  await ran(store, T0 + 2 * HOUR);
  await clock.advanceTo(T0 + 3 * HOUR + 5 * MINUTE);
  // no scheduler ran in between: this one's catch-up (policy skip) records 02:15 to 03:00 missed
  const third = createScheduler({ jobs: [job], store, clock, instanceId: 'third' });
  await third.start();
  await third.stop();
  await ran(store, T0 + 3 * HOUR + 15 * MINUTE, 'catch-up');
  await clock.advanceTo(T0 + 4 * HOUR);

  const audit = await third.auditSlots({
    from: new Date(T0),
    to: new Date(T0 + 3 * HOUR + 30 * MINUTE),
    toleranceMs: 0,
  });
  expect(audit.jobs[0]?.slots.map((slot) => [slot.slot.toISOString().slice(11, 16), slot.class, slot.reason])).toEqual([
    ['00:00', 'on-time', undefined],
    ['00:15', 'on-time', undefined],
    ['00:30', 'on-time', undefined],
    ['00:45', 'on-time', undefined],
    ['01:00', 'on-time', undefined],
    ['01:15', 'skipped', 'paused'],
    ['01:30', 'skipped', 'paused'],
    ['01:45', 'on-time', undefined],
    ['02:00', 'on-time', undefined],
    ['02:15', 'missed', 'catch-up-policy'],
    ['02:30', 'missed', 'catch-up-policy'],
    ['02:45', 'missed', 'catch-up-policy'],
    ['03:00', 'missed', 'catch-up-policy'],
    ['03:15', 'caught-up', undefined],
  ]);
  expect(audit.jobs[0]?.slots.at(-1)?.latenessMs).toBe(5 * MINUTE);
});
