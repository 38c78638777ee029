import { expect, test } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, retry } from '../src/index.js';
import { createFakeClock, HOUR, SECOND } from '../src/testing.js';

// The @example blocks of createFakeClock, run as written (imports from the public entry points).

test('the nightly sync runs at 03:00 Paris time', async () => {
  const clock = createFakeClock(new Date('2026-03-01T00:00:00Z'));
  const job = defineJob({
    name: 'nightly-sync',
    schedule: '0 3 * * *',
    timezone: 'Europe/Paris',
    run: async () => 'ok',
  });
  await using scheduler = createScheduler({ jobs: [job], store: createMemoryStore({ clock }), clock });
  const ran: Date[] = [];
  scheduler.on('run:succeeded', (event) => ran.push(event.scheduledFor));
  await scheduler.start();
  await clock.advance(3 * HOUR);
  expect(ran).toEqual([new Date('2026-03-01T02:00:00Z')]); // 03:00 in Paris (UTC+1)
});

test('a primitive on its own', async () => {
  const clock = createFakeClock(0);
  const attemptsAt: number[] = [];
  const fetchSets = async (attempt: number): Promise<string> => {
    attemptsAt.push(clock.now());
    if (attempt < 3) throw new Error('503');
    return 'sets';
  };
  const result = retry(fetchSets, { clock, attempts: 3, jitter: false });
  await clock.advance(3 * SECOND); // attempts at 0 s, 1 s and 3 s
  await expect(result).resolves.toBe('sets');
  expect(attemptsAt).toEqual([0, 1_000, 3_000]);
});
