import { join } from 'node:path';
import { createMemoryStore, createScheduler } from '@pokemon/scheduler';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tools/test-postgres/database.js';
import type { DiskSpaceProbe } from '../src/backup/disk-space.js';
import { DEFAULT_SCHEDULES, POKEMON_JOB_NAMES } from '../src/config.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { directorySource } from '../src/sources/directory.js';
import { makeContext } from './helpers/context.js';
import { FIXTURE_CARD_COUNT, FIXTURE_DIR, fullDataDir, tempDir } from './helpers/files.js';

const roomy: DiskSpaceProbe = async () => ({ freeBytes: 500e9, totalBytes: 1000e9 });

describe('createPokemonJobs', () => {
  it('returns the eight jobs with their documented schedules and dependencies', () => {
    const jobs = createPokemonJobs({ catalogPath: '/nonexistent/catalogue.sqlite3' });
    expect(jobs.map((j) => j.name)).toEqual([...POKEMON_JOB_NAMES]);
    expect(Object.fromEntries(jobs.map((j) => [j.name, j.schedule]))).toEqual(DEFAULT_SCHEDULES);
    const deps = Object.fromEntries(jobs.filter((j) => j.dependsOn.length > 0).map((j) => [j.name, j.dependsOn]));
    expect(deps).toEqual({
      'sync-missing-cards': ['sync-missing-sets'],
      'replicate-to-primary': ['sync-missing-cards'],
    });
    expect(jobs.every((j) => j.description && j.timeoutMs > 0)).toBe(true);
  });

  it('applies schedule and timezone overrides, and rejects a missing catalogPath', () => {
    const jobs = createPokemonJobs({
      catalogPath: 'x',
      timezone: 'Europe/Paris',
      schedules: { 'backup-database': '30 1 * * *' },
    });
    expect(jobs.find((j) => j.name === 'backup-database')).toMatchObject({
      schedule: '30 1 * * *',
      timezone: 'Europe/Paris',
    });
    expect(() => createPokemonJobs({ catalogPath: '' })).toThrow(/Expected `catalogPath`.*POKEMON_CRON_DB/);
  });
});

describe('end to end', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('jobs_pokemon_e2e');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('runs every job on the full catalogue (bundled snapshot) and the real data directory; second runs change nothing', async () => {
    const { dir, cleanup } = tempDir();
    const fullData = fullDataDir();
    try {
      const config = {
        catalogPath: join(dir, 'catalogue.sqlite3'),
        backupDir: join(dir, 'backups'),
        primaryDatabaseUrl: database.url,
        diskSpace: roomy,
      };
      const run = async (jobs: ReturnType<typeof createPokemonJobs>, name: string) =>
        (await jobs.find((j) => j.name === name)!.run(makeContext({ job: name }))) as Record<string, unknown>;
      const bundled = createPokemonJobs(config);
      expect(await run(bundled, 'sync-missing-sets')).toMatchObject({ inserted: 172 });
      expect(await run(bundled, 'sync-missing-cards')).toMatchObject({ cardsInserted: 20_106, setsIncomplete: 172 });
      // The real directory holds the same data: nothing to do.
      const directory = createPokemonJobs({ ...config, source: directorySource(fullData.dir) });
      expect(await run(directory, 'sync-missing-sets')).toMatchObject({ inserted: 0, updated: 0, unchanged: 172 });
      expect(await run(directory, 'sync-missing-cards')).toMatchObject({ cardsInserted: 0, setsChecked: 172 });
      expect(await run(bundled, 'validate-data-integrity')).toMatchObject({
        clean: true,
        counts: { sets: 172, cards: 20_106 },
      });
      expect(await run(bundled, 'replicate-to-primary')).toMatchObject({ cards: { written: 20_106 }, verified: true });
      expect(await run(bundled, 'replicate-to-primary')).toMatchObject({ cards: { written: 0, unchanged: 20_106 } });
      expect(await run(bundled, 'backup-database')).toMatchObject({
        manifest: { verified: true, counts: { cards: 20_106 } },
      });
      expect(await run(bundled, 'rotate-backups')).toMatchObject({ deleted: [], kept: [{ reason: 'daily' }] });
      expect(await run(bundled, 'database-health-check')).toMatchObject({ status: 'ok' });
      expect(await run(bundled, 'cleanup-stale-data')).toMatchObject({ tempFiles: { removed: [] } });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query('SELECT count(*)::int AS n FROM pokemon.cards');
      await client.end();
      expect(rows[0].n).toBe(20_106);
    } finally {
      cleanup();
      fullData.cleanup();
    }
  }, 120_000);

  it('runs through a real scheduler: trigger with dependencies runs the sync chain in order', async () => {
    const { dir, cleanup } = tempDir();
    const scheduler = createScheduler({
      jobs: createPokemonJobs({ catalogPath: join(dir, 'catalogue.sqlite3'), source: directorySource(FIXTURE_DIR) }),
      store: createMemoryStore(),
    });
    try {
      const record = await scheduler.trigger('sync-missing-cards', { withDependencies: true });
      expect(record.status).toBe('succeeded');
      expect(record.result).toMatchObject({ cardsInserted: FIXTURE_CARD_COUNT, setsIncomplete: 5 });
    } finally {
      await scheduler.stop();
      cleanup();
    }
  });
});
