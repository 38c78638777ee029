import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, defineJob } from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { createFakeClock, HOUR } from '../../src/testing.js';
import { harness, iso, T0 } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('scheduler.plan()', () => {
  it('reports what start() would add, change and remove, and writes nothing', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    await store.init();
    await store.reconcileJobs([
      { name: 'report', schedule: '0 6 * * *', timezone: 'UTC' },
      { name: 'legacy', schedule: '0 1 * * *', timezone: 'UTC' },
      { name: 'same', schedule: '0 2 * * *', timezone: 'UTC' },
    ]);
    const before = await store.listJobs();
    await using h = harness(
      [
        { name: 'report', schedule: '0 7 * * *' },
        { name: 'same', schedule: '0 2 * * *' },
        { name: 'fresh', schedule: '0 3 * * *' },
      ],
      { clock, store },
    );

    const plan = await h.scheduler.plan();

    expect(plan).toMatchObject({
      added: ['fresh'],
      changed: [{ name: 'report', fields: ['schedule'] }],
      removed: ['legacy'],
      unchanged: ['same'],
    });
    const specs = [
      { name: 'report', schedule: '0 7 * * *', timezone: 'UTC' },
      { name: 'same', schedule: '0 2 * * *', timezone: 'UTC' },
      { name: 'fresh', schedule: '0 3 * * *', timezone: 'UTC' },
    ];
    expect(plan).toMatchObject(await store.reconcileJobs(specs, { dryRun: true })); // the store's own dry run agrees
    expect(await store.listJobs()).toEqual(before);
    expect(plan.jobs.map((job) => [job.name, job.nextRuns.map((d) => iso(d.getTime()))])).toEqual([
      ['report', ['2026-03-01T07:00:00.000Z', '2026-03-02T07:00:00.000Z', '2026-03-03T07:00:00.000Z']],
      ['same', ['2026-03-01T02:00:00.000Z', '2026-03-02T02:00:00.000Z', '2026-03-03T02:00:00.000Z']],
      ['fresh', ['2026-03-01T03:00:00.000Z', '2026-03-02T03:00:00.000Z', '2026-03-03T03:00:00.000Z']],
    ]);
    const started = await h.scheduler.start(); // the plan was exactly what start() then did
    expect(started).toEqual({
      added: plan.added,
      changed: plan.changed,
      removed: plan.removed,
      unchanged: plan.unchanged,
    });
    await h.scheduler.stop();
  });

  it("gives each job's effective next runs: operator override, paused and circuit state, count and after", async () => {
    await using h = harness([
      { name: 'hourly', schedule: '0 * * * *' },
      { name: 'nightly', schedule: '0 3 * * *' },
    ]);
    await h.scheduler.start();
    await h.store.updateJob('hourly', { scheduleOverride: '30 */6 * * *' });
    await h.store.updateJob('nightly', { paused: true, pauseNote: 'disk swap' });

    const plan = await h.scheduler.plan({ count: 2, after: new Date(T0 + HOUR) });

    expect(plan.unchanged).toEqual(['hourly', 'nightly']);
    expect(plan.jobs).toEqual([
      {
        name: 'hourly',
        schedule: '30 */6 * * *',
        overridden: true,
        timezone: 'UTC',
        state: 'active',
        nextRuns: [new Date('2026-03-01T06:30:00Z'), new Date('2026-03-01T12:30:00Z')],
      },
      {
        name: 'nightly',
        schedule: '0 3 * * *',
        overridden: false,
        timezone: 'UTC',
        state: 'paused',
        nextRuns: [new Date('2026-03-01T03:00:00Z'), new Date('2026-03-02T03:00:00Z')],
      },
    ]);
    await expect(h.scheduler.plan({ count: -1 })).rejects.toThrow(/plan\(\): count must be an integer from 0 to 1000/);
    await h.scheduler.stop();
  });

  it('plans, lists next runs and reads status on a read-only SQLite store (nothing written)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scheduler-plan-'));
    dirs.push(dir);
    const filename = join(dir, 'store.sqlite3');
    const clock = createFakeClock(T0);
    const jobs = [defineJob({ name: 'report', schedule: '0 6 * * *', run: () => 'ok' })];
    {
      // Disposed at the end of the block: the writing scheduler stops, then its store closes.
      await using writer = createSqliteStore({ filename }, { clock });
      await using writing = createScheduler({ jobs, store: writer, clock });
      await writing.start();
      await writer.updateJob('report', { scheduleOverride: '0 8 * * *' });
    }

    await using reader = createSqliteStore({ filename, readonly: true }, { clock });
    const changed = [...jobs, defineJob({ name: 'fresh', schedule: '0 9 * * *', run: () => 'ok' })];
    await using scheduler = createScheduler({ jobs: changed, store: reader, clock });
    const plan = await scheduler.plan({ count: 1 });
    expect(plan).toMatchObject({ added: ['fresh'], unchanged: ['report'] });
    expect(plan.jobs[0]).toMatchObject({ schedule: '0 8 * * *', nextRuns: [new Date('2026-03-01T08:00:00Z')] });
    expect(await scheduler.nextRuns('report', 1)).toEqual([new Date('2026-03-01T08:00:00Z')]);
    expect((await scheduler.status()).map((job) => job.name)).toEqual(['report', 'fresh']);
    await scheduler.stop();
    await reader.close();
  });
});
