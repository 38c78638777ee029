import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledSnapshotPath } from '../../src/sources/bundled.js';
import { decodeSnapshot } from '../../src/sources/snapshot-format.js';

/** The committed subset of pokemon-tcg-data: 5 sets, 98 cards (si1, pop1, mep, cel25c, tk1a). */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/tcg-subset', import.meta.url));
export const FIXTURE_SETS = ['si1', 'pop1', 'mep', 'cel25c', 'tk1a'] as const;
export const FIXTURE_CARDS: Record<string, number> = { si1: 18, pop1: 17, mep: 28, cel25c: 25, tk1a: 10 };
export const FIXTURE_CARD_COUNT = 98;

/** The full real data set, beside the checkout (`../shared/pokemon-tcg-data`) where the project keeps it. */
const SHARED_DATA_DIR = fileURLToPath(new URL('../../../../../shared/pokemon-tcg-data', import.meta.url));

/**
 * A directory in the upstream pokemon-tcg-data layout holding the whole catalogue:
 * `POKEMON_TCG_DATA` when set, else `../shared/pokemon-tcg-data` beside the checkout, else (a
 * clone on its own) the bundled snapshot written out in that layout into a temp directory.
 */
export function fullDataDir(): { dir: string; real: boolean; cleanup: () => void } {
  const given = process.env.POKEMON_TCG_DATA || SHARED_DATA_DIR;
  if (existsSync(join(given, 'sets', 'en.json'))) return { dir: given, real: true, cleanup: () => {} };
  const { dir, cleanup } = tempDir('tcg-from-snapshot-');
  const snapshot = decodeSnapshot(readFileSync(bundledSnapshotPath())) as {
    sets: unknown[];
    cards: Record<string, unknown>;
  };
  mkdirSync(join(dir, 'sets'));
  mkdirSync(join(dir, 'cards', 'en'), { recursive: true });
  writeFileSync(join(dir, 'sets', 'en.json'), JSON.stringify(snapshot.sets));
  for (const [setId, cards] of Object.entries(snapshot.cards)) {
    writeFileSync(join(dir, 'cards', 'en', `${setId}.json`), JSON.stringify(cards));
  }
  return { dir, real: false, cleanup };
}

/** A fresh temp directory; call the returned `cleanup` in afterEach/afterAll. */
export function tempDir(prefix = 'jobs-pokemon-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A writable copy of the fixture, to corrupt or edit. */
export function copyFixture(target: string): string {
  cpSync(FIXTURE_DIR, target, { recursive: true });
  return target;
}

/** Flips a byte in the middle of a file, as a bad disk would. */
export function corruptFile(file: string): void {
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(file, bytes);
}
