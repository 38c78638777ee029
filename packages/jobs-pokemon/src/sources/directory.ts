import { readFile } from 'node:fs';
import { join } from 'node:path';
import { CatalogueDataError } from '../errors.js';
import type { PokemonCard, PokemonSet } from '../model.js';
import { throwIfAborted } from './abort.js';
import { normalizeCard, normalizeSet, parseJson, requireArray } from './normalize.js';
import type { CardSource } from './types.js';

/** Options of {@link directorySource}. */
export interface DirectorySourceOptions {
  /** Language directory of the upstream layout. @default 'en' */
  language?: string;
}

/** `fs.readFile` (callback): one read of the whole file, markedly faster than `fs/promises` on many small files. */
function readText(path: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    readFile(path, { encoding: 'utf8', signal }, (error, text) => (error ? reject(error) : resolve(text)));
  });
}

async function readJsonFile(dir: string, relative: string, signal?: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await readText(join(dir, relative), signal);
  } catch (error) {
    throwIfAborted(signal);
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? `file is missing (in ${dir})` : `cannot be read (${code})`;
    throw new CatalogueDataError(relative, '', problem, { cause: error });
  }
  return parseJson(text, relative);
}

/**
 * A card source reading a local copy of pokemon-tcg-data
 * (`sets/<language>.json`, `cards/<language>/<setId>.json`).
 *
 * @param dir - the repository's root directory
 */
export function directorySource(dir: string, options: DirectorySourceOptions = {}): CardSource {
  const language = options.language ?? 'en';
  return {
    description: `directory ${dir}`,
    async listSets(signal?: AbortSignal): Promise<PokemonSet[]> {
      const file = `sets/${language}.json`;
      const raw = requireArray(await readJsonFile(dir, file, signal), file);
      return raw.map((record, index) => normalizeSet(record, { file, path: `[${index}]` }));
    },
    async listCards(setId: string, signal?: AbortSignal): Promise<PokemonCard[]> {
      const file = `cards/${language}/${setId}.json`;
      const raw = requireArray(await readJsonFile(dir, file, signal), file);
      return raw.map((record, index) => normalizeCard(record, { file, path: `[${index}]` }, setId));
    },
  };
}
