/** A small catalogue in the pokemon-tcg-data layout, cut from the shared real data. */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real data set. */
const SHARED_DATA = fileURLToPath(new URL('../../../../../shared/pokemon-tcg-data', import.meta.url));

/** Three small real sets. */
const SUBSET = ['sve', 'fut20', 'tk1a'] as const;

/**
 * Writes `sets/en.json` and `cards/en/<id>.json` for {@link SUBSET} under `dir`
 * and returns `dir` as the card source, or `bundled` when the shared data set
 * is not beside the repository (the jobs then load the bundled snapshot).
 */
export async function writeSubsetCatalogue(dir: string): Promise<string> {
  if (!existsSync(join(SHARED_DATA, 'sets', 'en.json'))) return 'bundled';
  await mkdir(join(dir, 'sets'), { recursive: true });
  await mkdir(join(dir, 'cards', 'en'), { recursive: true });
  const sets = JSON.parse(await readFile(join(SHARED_DATA, 'sets', 'en.json'), 'utf8')) as { id: string }[];
  const subset = sets.filter((set) => (SUBSET as readonly string[]).includes(set.id));
  await writeFile(join(dir, 'sets', 'en.json'), JSON.stringify(subset));
  for (const id of SUBSET)
    await copyFile(join(SHARED_DATA, 'cards', 'en', `${id}.json`), join(dir, 'cards', 'en', `${id}.json`));
  return dir;
}
