// A job in a child process runs in its own process group: when its attempt ends (killed at its
// timeout, or returned), the group is killed, so nothing it started is left behind.
import { expect, it } from 'vitest';
import { SECOND } from '../../src/testing.js';
import { isolated, isolationHarness } from './harness.js';
import { goneSoon, isAlive } from './proc.js';

it.each([
  ['killed at its timeout', true, 'timed_out'],
  ['returning normally', false, 'succeeded'],
])('a grandchild process started by a job %s is gone when the attempt ends', async (_label, wait, status) => {
  const job = isolated('process', 'grandchild', {
    schedule: '0 0 1 1 *',
    timeoutMs: SECOND,
    isolation: { data: { wait }, killGraceMs: 20 },
  });
  await using h = isolationHarness([job]);
  const reported = h.next('run:progress-reported');
  await h.scheduler.start();
  const triggered = h.scheduler.trigger('grandchild');
  const pid = ((await reported).progress as { grandchild: number }).grandchild;
  if (wait) {
    expect(isAlive(pid)).toBe(true); // (a job that returns at once may be over, and its group killed, already)
    await h.clock.advance(SECOND);
  }
  const run = await triggered;
  expect(run.status).toBe(status);
  expect(run.attempts[0]?.killed).toBe(wait ? true : undefined);
  expect(await goneSoon(pid)).toBe(true);
});
