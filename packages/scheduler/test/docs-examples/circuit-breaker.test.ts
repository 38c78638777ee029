// The semantics stated in docs/guides/circuit-breaker.md, run as a test.
import { expect, it } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, type RunRecord } from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE } from '../../src/testing.js';

it('opens after failureThreshold failed runs, skips slots during the cooldown, then one probe decides', async () => {
  const clock = createFakeClock(new Date('2026-03-01T00:00:00Z'));
  const store = createMemoryStore({ clock });
  let healthy = false;
  const flaky = defineJob({
    name: 'flaky',
    schedule: '*/10 * * * *',
    circuitBreaker: { failureThreshold: 2, cooldownMs: 3_600_000 },
    run: () => {
      if (!healthy) throw new Error('upstream down');
      return 'ok';
    },
  });
  await using scheduler = createScheduler({ jobs: [flaky], store, clock });
  const transitions: string[] = [];
  scheduler.on('circuit:transitioned', (event) => transitions.push(event.transition));
  const finished: RunRecord[] = [];
  scheduler.on('run:finished', ({ run }) => finished.push(run));
  const outcomes = () =>
    finished.map((run) => `${run.scheduledFor.toISOString().slice(11, 16)} ${run.status} ${run.reason ?? ''}`.trim());

  await scheduler.start();
  await clock.advance(HOUR + 20 * MINUTE);

  expect(outcomes()).toEqual([
    '00:10 failed',
    '00:20 failed', // threshold reached: opened at 00:20
    '00:30 skipped circuit-open',
    '00:40 skipped circuit-open',
    '00:50 skipped circuit-open',
    '01:00 skipped circuit-open',
    '01:10 skipped circuit-open',
    '01:20 failed', // the probe, one cooldown later: fails, re-opens
  ]);
  expect(transitions).toEqual(['opened', 'reopened']);
  expect((await scheduler.status())[0]?.state).toBe('circuit-open');

  // A manual run is never held back, and its success closes the circuit.
  healthy = true;
  const manual = await scheduler.trigger('flaky');
  expect(manual.status).toBe('succeeded');
  await clock.flush();
  expect(transitions).toEqual(['opened', 'reopened', 'closed']);
  await clock.advance(10 * MINUTE);
  expect(finished.at(-1)).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
});
