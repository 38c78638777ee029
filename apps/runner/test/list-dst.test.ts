import { createMemoryStore, defineJob } from '@pokemon/scheduler';
import { createFakeClock } from '@pokemon/scheduler/testing';
import { describe, expect, it } from 'vitest';
import { listJobs } from '../src/commands/list.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logging.js';
import { createRunner } from '../src/runner.js';

/** Noon UTC the day before Europe/Paris springs forward (2026-03-29, 02:00 CET → 03:00 CEST). */
const EVE = new Date('2026-03-28T12:00:00Z');

describe('list', () => {
  it("shows next runs that honour a job's DST policy (a 02:30 Paris slot on the spring-forward night)", async () => {
    const store = createMemoryStore({ clock: createFakeClock(EVE) });
    const config = loadConfig({ LOG_LEVEL: 'silent', POKEMON_CRON_TZ: 'Europe/Paris' });
    const run = () => 'ok';
    const jobs = [
      defineJob({ name: 'skips-gap', schedule: '30 2 * * *', dst: { gap: 'skip' }, run }),
      defineJob({ name: 'runs-at-jump', schedule: '30 2 * * *', run }),
    ];
    await using runner = await createRunner(config, { logger: createLogger(config, { isTTY: false }), jobs, store });

    const listing = await listJobs(runner, EVE);

    expect(listing.map((job) => [job.name, job.timezone, job.nextRuns.slice(0, 2)])).toEqual([
      ['skips-gap', 'Europe/Paris', ['2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']],
      ['runs-at-jump', 'Europe/Paris', ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']],
    ]);
    expect(await store.listJobs()).toEqual([]); // listing writes nothing
  });
});
