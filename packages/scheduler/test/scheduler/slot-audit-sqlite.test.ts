// auditSlots on a SQLite file: six hours of a job every 15 minutes with a pause and an outage of every instance.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createScheduler, defineJob } from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { T0 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'slot-audit-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('classifies every slot from the runs, the audit log and the liveness record kept in the file', async () => {
  const clock = createFakeClock(T0 - MINUTE);
  await using store = createSqliteStore({ filename: join(dir, 'store.sqlite') }, { clock });
  const job = defineJob({ name: 'health', schedule: '*/15 * * * *', run: () => 'ok' });
  const first = createScheduler({ jobs: [job], store, clock, instanceId: 'first', pollIntervalMs: 5 * SECOND });
  await first.start();
  await clock.advanceTo(T0 + HOUR + 5 * MINUTE);
  await first.pause('health', { actor: 'ops' });
  await clock.advanceTo(T0 + HOUR + 50 * MINUTE);
  await first.resume('health', { actor: 'ops' });
  await clock.advanceTo(T0 + 3 * HOUR + 5 * MINUTE);
  await first.stop();
  await clock.advanceTo(T0 + 4 * HOUR + 5 * MINUTE);
  await using second = createScheduler({ jobs: [job], store, clock, instanceId: 'second', pollIntervalMs: 5 * SECOND });
  await second.start();
  await clock.advanceTo(T0 + 6 * HOUR);
  const audit = await second.auditSlots({ from: new Date(T0), to: new Date(T0 + 6 * HOUR) });
  const slots = audit.jobs[0]?.slots ?? [];
  expect(slots).toHaveLength(24);
  const notOnTime = slots
    .filter((slot) => slot.class !== 'on-time')
    .map((slot) => [slot.slot.toISOString().slice(11, 16), slot.class, slot.reason]);
  expect(notOnTime).toEqual([
    ['01:15', 'skipped', 'paused'],
    ['01:30', 'skipped', 'paused'],
    ['01:45', 'skipped', 'paused'],
    ['03:15', 'missed', 'catch-up-policy'],
    ['03:30', 'missed', 'catch-up-policy'],
    ['03:45', 'missed', 'catch-up-policy'],
    ['04:00', 'missed', 'catch-up-policy'],
  ]);
  expect(audit.jobs[0]?.counts['on-time']).toBe(17);
});
