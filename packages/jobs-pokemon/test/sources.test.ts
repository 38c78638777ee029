import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueDataError } from '../src/errors.js';
import { bundledSource } from '../src/sources/bundled.js';
import { directorySource } from '../src/sources/directory.js';
import { copyFixture, FIXTURE_CARDS, FIXTURE_DIR, FIXTURE_SETS, tempDir } from './helpers/files.js';

describe('directorySource', () => {
  const source = directorySource(FIXTURE_DIR);

  it('lists the sets and the cards of each set, normalised', async () => {
    const sets = await source.listSets();
    expect(sets.map((s) => s.id).sort()).toEqual([...FIXTURE_SETS].sort());
    const si1 = sets.find((s) => s.id === 'si1')!;
    expect(si1).toMatchObject({ name: 'Southern Islands', printedTotal: 18, total: 18, releaseDate: '2001-07-31' });
    expect(si1.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    for (const id of FIXTURE_SETS) expect(await source.listCards(id)).toHaveLength(FIXTURE_CARDS[id]!);
  });

  it('keeps unknown fields and unparsable values in extra', async () => {
    const mep = (await source.listSets()).find((s) => s.id === 'mep')!;
    expect(mep.releaseDate).toBeNull();
    expect(mep.extra).toEqual({ releaseDate: '---', updatedAt: '---' });
    const card = (await source.listCards('mep')).find((c) => 'Craftable' in c.extra)!;
    expect(Object.keys(card.extra)).toEqual(expect.arrayContaining(['Craftable', 'Craftable Date', 'Release Date']));
    expect(card.extra.Craftable).toBe(1);
    expect('Craftable' in card).toBe(false);
    expect(card.setId).toBe('mep');
    expect(typeof card.hp === 'string' || card.hp === null).toBe(true);
  });

  describe('malformed input', () => {
    let cleanup = (): void => {};
    afterEach(() => cleanup());

    function brokenCopy(): string {
      const t = tempDir();
      cleanup = t.cleanup;
      return copyFixture(join(t.dir, 'data'));
    }

    it('names the file and the path of a card without an id', async () => {
      const dir = brokenCopy();
      const file = join(dir, 'cards/en/si1.json');
      const cards = JSON.parse(readFileSync(file, 'utf8'));
      delete cards[12].id;
      writeFileSync(file, JSON.stringify(cards));
      const error = await directorySource(dir)
        .listCards('si1')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogueDataError);
      expect((error as Error).message).toBe('cards/en/si1.json: [12].id is missing');
      expect(error).toMatchObject({
        file: 'cards/en/si1.json',
        path: '[12].id',
        code: 'CATALOGUE_DATA_INVALID',
        retryable: false,
      });
    });

    it('names a file that is not valid JSON', async () => {
      const dir = brokenCopy();
      writeFileSync(join(dir, 'sets/en.json'), '[{"id": "si1",');
      await expect(directorySource(dir).listSets()).rejects.toThrow(/^sets\/en\.json: is not valid JSON/);
    });

    it('names a missing set file', async () => {
      const dir = brokenCopy();
      rmSync(join(dir, 'cards/en/pop1.json'));
      await expect(directorySource(dir).listCards('pop1')).rejects.toThrow(/^cards\/en\/pop1\.json: file is missing/);
    });

    it('names a set without a name', async () => {
      const dir = brokenCopy();
      const file = join(dir, 'sets/en.json');
      const sets = JSON.parse(readFileSync(file, 'utf8'));
      sets[1].name = '';
      writeFileSync(file, JSON.stringify(sets));
      await expect(directorySource(dir).listSets()).rejects.toThrow(
        'sets/en.json: [1].name must be a non-empty string, got ""',
      );
    });
  });
});

describe('bundledSource', () => {
  it('ships the whole catalogue: 172 sets, 20,106 cards', async () => {
    const source = bundledSource();
    const sets = await source.listSets();
    expect(sets).toHaveLength(172);
    let cards = 0;
    for (const set of sets) cards += (await source.listCards(set.id)).length;
    expect(cards).toBe(20_106);
    // svp holds more cards than its total (real-world data).
    expect((await source.listCards('svp')).length).toBeGreaterThan(sets.find((s) => s.id === 'svp')!.total!);
  });

  it('fails with the file named when the snapshot is unreadable', async () => {
    const t = tempDir();
    try {
      const path = join(t.dir, 'bad.json.br');
      writeFileSync(path, 'not brotli');
      await expect(bundledSource({ path }).listSets()).rejects.toThrow(
        `${path}: is not a valid Brotli-compressed JSON snapshot`,
      );
    } finally {
      t.cleanup();
    }
  });
});
