import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRetryable } from '@pokemon/scheduler';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countCards, countCardsBySet } from '../src/catalog/card-queries.js';
import { openCatalog } from '../src/catalog/open-catalog.js';
import { countSets } from '../src/catalog/set-queries.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { CatalogueSyncError } from '../src/errors.js';
import { directorySource } from '../src/sources/directory.js';
import { syncCards } from '../src/sync/sync-cards.js';
import { syncSets } from '../src/sync/sync-sets.js';
import { seedCatalog } from './helpers/catalog.js';
import { makeContext } from './helpers/context.js';
import { copyFixture, FIXTURE_CARD_COUNT, FIXTURE_CARDS, FIXTURE_DIR, tempDir } from './helpers/files.js';

describe('catalogue sync', () => {
  let dir: string;
  let cleanup: () => void;
  let catalogPath: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    catalogPath = join(dir, 'catalogue.sqlite3');
  });
  afterEach(() => cleanup());

  const jobs = (sourceDir = FIXTURE_DIR) => {
    const all = createPokemonJobs({ catalogPath, source: directorySource(sourceDir) });
    return {
      sets: all.find((j) => j.name === 'sync-missing-sets')!,
      cards: all.find((j) => j.name === 'sync-missing-cards')!,
    };
  };
  const read = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(catalogPath, { readonly: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };

  it('creates the schema (WAL, user_version, FK) and fills sets then cards; a second run changes nothing', async () => {
    const { sets, cards } = jobs();
    expect(await sets.run(makeContext())).toMatchObject({ setsInSource: 5, inserted: 5, updated: 0, unchanged: 0 });
    const ctx = makeContext();
    expect(await cards.run(ctx)).toMatchObject({
      setsChecked: 5,
      setsIncomplete: 5,
      cardsInserted: FIXTURE_CARD_COUNT,
    });
    expect(ctx.heartbeats).toHaveLength(5);
    expect(ctx.heartbeats.at(-1)).toMatchObject({ setsDone: 5, setsTotal: 5, cardsInserted: FIXTURE_CARD_COUNT });
    read((db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(countSets(db)).toBe(5);
      expect(Object.fromEntries(countCardsBySet(db))).toEqual(FIXTURE_CARDS);
      const card = db.prepare("SELECT * FROM cards WHERE id = 'si1-1'").get() as Record<string, string>;
      expect(JSON.parse(card.attacks!)).toBeInstanceOf(Array);
      expect(card.set_id).toBe('si1');
      const extra = db
        .prepare("SELECT extra FROM cards WHERE set_id = 'mep' AND extra LIKE '%Craftable%'")
        .pluck()
        .get();
      expect(JSON.parse(extra as string)).toHaveProperty('Release Date');
      expect(db.pragma('foreign_key_list(cards)')).toHaveLength(1);
    });
    expect(await sets.run(makeContext())).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    expect(await cards.run(makeContext())).toMatchObject({ setsIncomplete: 0, cardsInserted: 0 });
  });

  it('updates a set whose updatedAt moved, and completes a set that gained cards upstream', async () => {
    const copy = copyFixture(join(dir, 'src'));
    const { sets, cards } = jobs(copy);
    await sets.run(makeContext());
    await cards.run(makeContext());
    const setsFile = join(copy, 'sets/en.json');
    const upstream = JSON.parse(readFileSync(setsFile, 'utf8'));
    upstream[0].updatedAt = '2030/01/01 00:00:00';
    upstream[0].name = 'Renamed';
    writeFileSync(setsFile, JSON.stringify(upstream));
    const cardsFile = join(copy, 'cards/en/tk1a.json');
    const tk1a = JSON.parse(readFileSync(cardsFile, 'utf8'));
    tk1a.push({ ...tk1a[0], id: 'tk1a-new', number: '99' });
    writeFileSync(cardsFile, JSON.stringify(tk1a));
    expect(await sets.run(makeContext())).toMatchObject({ inserted: 0, updated: 1, updatedIds: [upstream[0].id] });
    expect(await cards.run(makeContext())).toMatchObject({
      setsIncomplete: 1,
      cardsInserted: 1,
      insertedBySet: { tk1a: 1 },
    });
    read((db) => expect(db.prepare('SELECT name FROM sets WHERE id = ?').pluck().get(upstream[0].id)).toBe('Renamed'));
  });

  it('an abort mid-sync leaves whole sets only; the next run completes', async () => {
    const { sets, cards } = jobs();
    await sets.run(makeContext());
    const controller = new AbortController();
    const ctx = makeContext({
      signal: controller.signal,
      onHeartbeat: (p) => {
        if ((p as { setsDone: number }).setsDone === 2) controller.abort(new Error('shutdown'));
      },
    });
    await expect(cards.run(ctx)).rejects.toThrow('shutdown');
    const partial = read((db) => Object.fromEntries(countCardsBySet(db)));
    expect(Object.keys(partial)).toHaveLength(2);
    for (const [setId, n] of Object.entries(partial)) expect(n).toBe(FIXTURE_CARDS[setId]);
    expect(await cards.run(makeContext())).toMatchObject({ setsIncomplete: 3 });
    read((db) => expect(countCards(db)).toBe(FIXTURE_CARD_COUNT));
  });

  it('malformed card files fail their own sets only: the others are synced, then one error names every broken file', async () => {
    const copy = copyFixture(join(dir, 'src'));
    const file = join(copy, 'cards/en/pop1.json');
    const pop1 = JSON.parse(readFileSync(file, 'utf8'));
    pop1[5].id = undefined;
    writeFileSync(file, JSON.stringify(pop1));
    writeFileSync(join(copy, 'cards/en/mep.json'), '[{"id": "mep-1",');
    const db = openCatalog(catalogPath);
    try {
      await syncSets(db, directorySource(copy));
      const error = (await syncCards(db, directorySource(copy)).catch((e: unknown) => e)) as CatalogueSyncError;
      expect(error).toBeInstanceOf(CatalogueSyncError);
      expect(error).toMatchObject({ name: 'CatalogueSyncError', code: 'CATALOGUE_SYNC_FAILED', retryable: false });
      expect(isRetryable(error)).toBe(false);
      expect(error.message).toMatch(
        /^2 set\(s\) not synced from directory .* \(the 3 others were; 53 cards inserted\): cards\/en\/pop1\.json: \[5\]\.id is missing; cards\/en\/mep\.json: .*JSON.*\. Fix these and run sync-missing-cards again$/,
      );
      expect(error.data.failedSets.map((f) => f.setId)).toEqual(['pop1', 'mep']);
      expect(error.data).toMatchObject({ setsChecked: 5, setsIncomplete: 3, cardsInserted: 53 });
      const counts = countCardsBySet(db);
      expect([counts.get('pop1'), counts.get('mep')]).toEqual([undefined, undefined]);
      expect([counts.get('si1'), counts.get('cel25c'), counts.get('tk1a')]).toEqual([18, 25, 10]);
    } finally {
      db.close();
    }
  });

  it('a card file holding [] for a set the catalogue has cards of is a failure of that set, not a silent no-op', async () => {
    const copy = copyFixture(join(dir, 'src'));
    await seedCatalog(catalogPath, copy);
    writeFileSync(join(copy, 'cards/en/si1.json'), '[]');
    const { cards } = jobs(copy);
    const error = (await Promise.resolve(cards.run(makeContext())).catch((e: unknown) => e)) as CatalogueSyncError;
    expect(error).toBeInstanceOf(CatalogueSyncError);
    expect(error.message).toContain(
      'cards of set si1 are an empty list, but the catalogue holds 18: a truncated or emptied file? Nothing of this set was changed',
    );
    expect(error.data.failedSets).toEqual([{ setId: 'si1', problem: expect.stringContaining('empty list') }]);
    read((db) => expect(countCardsBySet(db).get('si1')).toBe(18));
  });

  it('a card id used by two sets fails that set with the reason; the other sets are written', async () => {
    const copy = copyFixture(join(dir, 'src'));
    const file = join(copy, 'cards/en/tk1a.json');
    const tk1a = JSON.parse(readFileSync(file, 'utf8'));
    tk1a[3].id = 'si1-1';
    writeFileSync(file, JSON.stringify(tk1a));
    const { sets, cards } = jobs(copy);
    await sets.run(makeContext());
    const error = (await Promise.resolve(cards.run(makeContext())).catch((e: unknown) => e)) as CatalogueSyncError;
    expect(error).toBeInstanceOf(CatalogueSyncError);
    expect(error.data.failedSets).toEqual([
      {
        setId: 'tk1a',
        problem: expect.stringMatching(
          /^directory .*: cards of set tk1a cannot be inserted \(UNIQUE constraint failed: cards.id\)/,
        ),
      },
    ]);
    read((db) => expect(countCardsBySet(db).get('tk1a')).toBeUndefined());
    read((db) => expect(countCardsBySet(db).get('si1')).toBe(18));
  });

  it('refuses a catalogue whose schema is newer than this package', () => {
    openCatalog(catalogPath).close();
    const db = new Database(catalogPath);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openCatalog(catalogPath)).toThrow(/schema version 99 is newer than this package knows \(3\): upgrade/);
  });

  it('a malformed sets file writes nothing', async () => {
    const copy = copyFixture(join(dir, 'src'));
    writeFileSync(join(copy, 'sets/en.json'), '{"not": "an array"}');
    await expect(jobs(copy).sets.run(makeContext())).rejects.toThrow('sets/en.json: must be an array, got object');
    read((db) => expect(countSets(db)).toBe(0));
  });
});
