// A consumer's own test, on node:test with no test framework installed: it imports the packed
// @pokemon/scheduler and its /testing entry and drives a scheduler through one simulated day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryStore, createScheduler, defineJob } from '@pokemon/scheduler';
import { createFakeClock, DAY } from '@pokemon/scheduler/testing';

test('an hourly job runs 24 times in a simulated day', async () => {
  const clock = createFakeClock(Date.parse('2026-03-01T00:00:00Z'));
  const ran = [];
  const hourly = defineJob({
    name: 'hourly-report',
    schedule: '0 * * * *',
    run: async (ctx) => {
      ran.push(ctx.scheduledFor.toISOString());
      return { hour: ctx.scheduledFor.getUTCHours() };
    },
  });
  const scheduler = createScheduler({ jobs: [hourly], store: createMemoryStore({ clock }), clock });
  await scheduler.start();
  await clock.advance(DAY);
  await scheduler.stop();
  assert.equal(ran.length, 24);
  assert.equal(ran[0], '2026-03-01T01:00:00.000Z');
  assert.equal(ran.at(-1), '2026-03-02T00:00:00.000Z');
});
