import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed subset of pokemon-tcg-data: 5 sets, 98 cards (si1, pop1, mep, cel25c, tk1a). */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/tcg-subset', import.meta.url));
export const FIXTURE_SETS = ['si1', 'pop1', 'mep', 'cel25c', 'tk1a'] as const;
export const FIXTURE_CARDS: Record<string, number> = { si1: 18, pop1: 17, mep: 28, cel25c: 25, tk1a: 10 };
export const FIXTURE_CARD_COUNT = 98;

/** The full real data set. */
export const FULL_DATA_DIR = fileURLToPath(new URL('../../../../../shared/pokemon-tcg-data', import.meta.url));

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
