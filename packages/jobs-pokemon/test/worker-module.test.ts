// The module isolated Pokémon jobs run in their worker: services built from plain configuration
// (card source and history store described as data), findings posted back on the port.
import { join } from 'node:path';
import { createSqliteStore } from '@pokemon/scheduler/sqlite';
import { describe, expect, it } from 'vitest';
import { createPokemonJobs } from '../src/create-jobs.js';
import { run } from '../src/worker.js';
import { useSeededCatalogue } from './helpers/catalog.js';
import { makeContext } from './helpers/context.js';
import { FIXTURE_DIR } from './helpers/files.js';

const DAY = 86_400_000;

function port() {
  const posted: unknown[] = [];
  return { posted, post: (message: unknown) => posted.push(structuredClone(message)) };
}

describe('the worker module', () => {
  const paths = useSeededCatalogue();

  it('runs the job named by ctx.job with the card source built from its description', async () => {
    const result = await run(
      makeContext({ job: 'sync-missing-sets' }),
      { catalogPath: paths.catalogPath, source: { kind: 'directory', path: FIXTURE_DIR } },
      port(),
    );
    expect(result).toMatchObject({ inserted: 0, source: `directory ${FIXTURE_DIR}` });
  });

  it('prunes scheduler history through the store it opens from its description', async () => {
    const storePath = join(paths.dir, 'scheduler.sqlite3');
    const seeded = createSqliteStore({ filename: storePath });
    await seeded.init();
    const old = new Date(Date.now() - 200 * DAY);
    await seeded.claimRun({
      id: crypto.randomUUID(),
      job: 'x',
      scheduledFor: old,
      claimKey: old.toISOString(),
      trigger: 'schedule',
      instanceId: 'i',
      leaseMs: 1,
      status: 'missed',
    });
    await seeded.close();
    const config = { catalogPath: paths.catalogPath, historyStore: { kind: 'sqlite' as const, path: storePath } };
    const result = await run(makeContext({ job: 'cleanup-stale-data' }), config, port());
    expect(result).toMatchObject({ history: { deletedRuns: 1 } });
  });

  it('posts findings to the scheduler thread instead of notifying from the worker', async () => {
    const line = port();
    const config = {
      catalogPath: paths.catalogPath,
      backupDir: paths.backupDir,
      healthThresholds: { diskWarnFreeRatio: 0.9999, diskCriticalFreeRatio: 0.000_001 },
    };
    // No backup yet: the run fails critical, after the disk warning was raised.
    await expect(run(makeContext({ job: 'database-health-check' }), config, line)).rejects.toThrow();
    expect(line.posted).toContainEqual({
      type: 'pokemon-finding',
      alert: expect.objectContaining({ key: 'pokemon:health:disk', severity: 'warning', job: 'database-health-check' }),
    });
  });

  it('fails without retry for a name that is not a Pokémon job', async () => {
    await expect(run(makeContext({ job: 'nope' }), { catalogPath: paths.catalogPath }, port())).rejects.toMatchObject({
      code: 'NON_RETRYABLE',
    });
  });
});

it('createPokemonJobs with isolation points every job at the worker module, keeping its options', () => {
  const worker = { catalogPath: '/data/cat.sqlite3' };
  const plain = createPokemonJobs({ catalogPath: '/data/cat.sqlite3' });
  const isolated = createPokemonJobs(
    { catalogPath: '/data/cat.sqlite3' },
    { isolation: { mode: 'process', worker, killGraceMs: 100 } },
  );
  expect(isolated.map((job) => job.name)).toEqual(plain.map((job) => job.name));
  for (const [index, job] of isolated.entries()) {
    expect(job.isolation).toMatchObject({
      mode: 'process',
      module: expect.stringMatching(/\/worker\.(ts|js)$/),
      data: worker,
      killGraceMs: 100,
    });
    const { isolation: _i, run: _r, ...options } = job;
    const { isolation: _pi, run: _pr, ...plainOptions } = plain[index]!;
    expect(options).toEqual(plainOptions);
  }
});
