import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tools/test-postgres/database.js';
import { openCatalog } from '../src/catalog/open-catalog.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { IntegrityCheckFailedError } from '../src/integrity/errors.js';
import type { IntegrityReport } from '../src/integrity/findings.js';
import type { ReplicationResult } from '../src/primary/replicate.js';
import { directorySource } from '../src/sources/directory.js';
import { seedCatalog } from './helpers/catalog.js';
import { makeContext } from './helpers/context.js';
import { copyFixture, FIXTURE_CARD_COUNT, tempDir } from './helpers/files.js';

describe('replicate-to-primary (real PostgreSQL)', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let dir: string;
  let cleanup: () => void;
  let catalogPath: string;
  let schema: string;
  let schemaCounter = 0;

  beforeAll(async () => {
    database = await createTestDatabase('jobs_pokemon_replicate');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    catalogPath = join(dir, 'catalogue.sqlite3');
    schema = `pokemon_${++schemaCounter}`;
  });
  afterEach(() => cleanup());

  const jobs = (sourceDir?: string) => {
    const all = createPokemonJobs({
      catalogPath,
      primaryDatabaseUrl: database.url,
      primarySchema: schema,
      ...(sourceDir ? { source: directorySource(sourceDir) } : {}),
    });
    const byName = (name: string) => all.find((j) => j.name === name)!;
    return {
      replicate: byName('replicate-to-primary'),
      sets: byName('sync-missing-sets'),
      cards: byName('sync-missing-cards'),
    };
  };
  let lastHeartbeats: unknown[] = [];
  const replicate = async (sourceDir?: string) => {
    const ctx = makeContext();
    const result = (await jobs(sourceDir).replicate.run(ctx)) as ReplicationResult;
    lastHeartbeats = ctx.heartbeats;
    return result;
  };

  it('migrates, copies every row with native types, verifies counts; a second run writes nothing', async () => {
    await seedCatalog(catalogPath);
    const first = await replicate();
    expect(first).toMatchObject({
      configured: true,
      schema,
      migrationsApplied: [1],
      sets: { rows: 5, written: 5, deleted: 0, unchanged: 0 },
      cards: { rows: FIXTURE_CARD_COUNT, written: FIXTURE_CARD_COUNT, deleted: 0, unchanged: 0 },
      verified: true,
    });
    const { rows: types } = await client.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name IN ('sets', 'cards')
       AND column_name IN ('release_date', 'updated_at', 'attacks', 'extra', 'converted_retreat_cost') ORDER BY table_name, column_name`,
      [schema],
    );
    expect(types.map((r) => `${r.column_name}:${r.data_type}`)).toEqual([
      'attacks:jsonb',
      'converted_retreat_cost:integer',
      'extra:jsonb',
      'extra:jsonb',
      'release_date:date',
      'updated_at:timestamp with time zone',
    ]);
    const { rows } = await client.query(
      `SELECT s.release_date::text AS release_date, c.attacks -> 0 ->> 'name' AS attack FROM ${schema}.cards c JOIN ${schema}.sets s ON s.id = c.set_id WHERE c.id = 'si1-1'`,
    );
    expect(rows[0]).toEqual({ release_date: '2001-07-31', attack: expect.any(String) });
    const { rows: extra } = await client.query(
      `SELECT count(*)::int AS n FROM ${schema}.cards WHERE extra ? 'Craftable'`,
    );
    expect(extra[0].n).toBeGreaterThan(0);

    expect(lastHeartbeats).toEqual([{ phase: 'write', setsToWrite: 5, cardsToWrite: FIXTURE_CARD_COUNT }]);
    const second = await replicate();
    expect(second).toMatchObject({
      migrationsApplied: [],
      sets: { written: 0, unchanged: 5 },
      cards: { written: 0, unchanged: FIXTURE_CARD_COUNT },
    });
  });

  it('after a source update, rewrites only the changed rows (and removes deleted ones)', async () => {
    const source = copyFixture(join(dir, 'src'));
    await seedCatalog(catalogPath, source);
    await replicate(source);
    const { rows: before } = await client.query(`SELECT now() AS t`);
    // Upstream: one set renamed (newer updatedAt), two new cards.
    const setsFile = join(source, 'sets/en.json');
    const sets = JSON.parse(readFileSync(setsFile, 'utf8'));
    sets[0].name = 'Renamed upstream';
    sets[0].updatedAt = '2030/01/01 00:00:00';
    writeFileSync(setsFile, JSON.stringify(sets));
    const cardsFile = join(source, 'cards/en/tk1a.json');
    const tk1a = JSON.parse(readFileSync(cardsFile, 'utf8'));
    tk1a.push({ ...tk1a[0], id: 'tk1a-new-1', number: '101' }, { ...tk1a[0], id: 'tk1a-new-2', number: '102' });
    writeFileSync(cardsFile, JSON.stringify(tk1a));
    const { sets: syncSetsJob, cards: syncCardsJob } = jobs(source);
    await syncSetsJob.run(makeContext());
    await syncCardsJob.run(makeContext());
    // And one card removed from the catalogue.
    const db = openCatalog(catalogPath);
    db.prepare("DELETE FROM cards WHERE id = 'si1-1'").run();
    db.close();

    const result = await replicate(source);
    expect(result.sets).toEqual({ rows: 5, written: 1, deleted: 0, unchanged: 4 });
    expect(result.cards).toEqual({
      rows: FIXTURE_CARD_COUNT + 1,
      written: 2,
      deleted: 1,
      unchanged: FIXTURE_CARD_COUNT - 1,
    });
    const { rows: touched } = await client.query(
      `SELECT (SELECT count(*)::int FROM ${schema}.sets WHERE replicated_at > $1) AS sets, (SELECT count(*)::int FROM ${schema}.cards WHERE replicated_at > $1) AS cards`,
      [before[0].t],
    );
    expect(touched[0]).toEqual({ sets: 1, cards: 2 });
    const { rows: renamed } = await client.query(`SELECT name, updated_at FROM ${schema}.sets WHERE id = $1`, [
      sets[0].id,
    ]);
    expect(renamed[0].name).toBe('Renamed upstream');
    expect((renamed[0].updated_at as Date).toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('repairs rows changed or added behind its back in the primary', async () => {
    await seedCatalog(catalogPath);
    await replicate();
    await client.query(`UPDATE ${schema}.cards SET name = 'tampered', content_hash = 'x' WHERE id = 'pop1-2'`);
    await client.query(
      `INSERT INTO ${schema}.cards (id, set_id, name, supertype, number, extra, content_hash) VALUES ('intruder', 'si1', 'I', 'Pokémon', '0', '{}', 'y')`,
    );
    const result = await replicate();
    expect(result.cards).toEqual({
      rows: FIXTURE_CARD_COUNT,
      written: 1,
      deleted: 1,
      unchanged: FIXTURE_CARD_COUNT - 1,
    });
    const { rows } = await client.query(`SELECT name FROM ${schema}.cards WHERE id = 'pop1-2'`);
    expect(rows[0].name).not.toBe('tampered');
  });

  it('a manual catalogue edit that leaves content_hash stale: integrity reports it, replication repairs the hash and sends the edit', async () => {
    await seedCatalog(catalogPath);
    await replicate();
    const db = openCatalog(catalogPath);
    db.exec(`
      UPDATE cards SET name = 'Edited by hand' WHERE id = 'pop1-2';
      UPDATE sets SET series = 'Edited series' WHERE id = 'mep';
    `);
    db.close();
    const validate = createPokemonJobs({ catalogPath, validateAgainstSource: false }).find(
      (j) => j.name === 'validate-data-integrity',
    )!;
    const error = (await Promise.resolve(validate.run(makeContext())).catch((e: unknown) => e)) as Error & {
      data: IntegrityReport;
    };
    expect(error).toBeInstanceOf(IntegrityCheckFailedError);
    expect(error.message).toContain('staleContentHashes: 2');
    expect(error.data.findings.staleContentHashes).toMatchObject({ count: 2, samples: ['pop1-2', 'set:mep'] });

    const result = await replicate();
    expect(result.hashesRepaired).toEqual({ sets: 1, cards: 1, samples: ['pop1-2', 'set:mep'] });
    expect(result.sets).toMatchObject({ written: 1, unchanged: 4 });
    expect(result.cards).toMatchObject({ written: 1, unchanged: FIXTURE_CARD_COUNT - 1 });
    const { rows } = await client.query(
      `SELECT (SELECT name FROM ${schema}.cards WHERE id = 'pop1-2') AS name, (SELECT series FROM ${schema}.sets WHERE id = 'mep') AS series`,
    );
    expect(rows[0]).toEqual({ name: 'Edited by hand', series: 'Edited series' });
    expect(await validate.run(makeContext())).toMatchObject({ clean: true });
    expect(await replicate()).toMatchObject({
      hashesRepaired: { sets: 0, cards: 0, samples: [] },
      sets: { written: 0 },
      cards: { written: 0 },
    });
  });

  it('returns a clear "not configured" result without a URL', async () => {
    const job = createPokemonJobs({ catalogPath }).find((j) => j.name === 'replicate-to-primary')!;
    expect(await job.run(makeContext())).toEqual({
      configured: false,
      reason: 'No primary configured: set `primaryDatabaseUrl` (runner: PRIMARY_DATABASE_URL) to replicate',
    });
  });

  it('refuses to replicate an empty catalogue (it would empty the primary)', async () => {
    openCatalog(catalogPath).close();
    const error = await Promise.resolve(jobs().replicate.run(makeContext())).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CatalogueNotReadyError', code: 'CATALOGUE_NOT_READY', retryable: false });
    expect((error as Error).message).toMatch(
      /The catalogue has no cards: run sync-missing-sets and sync-missing-cards/,
    );
  });
});
