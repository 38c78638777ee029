import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CatalogueDataError } from '../errors.js';
import type { PokemonCard, PokemonSet } from '../model.js';
import { throwIfAborted } from './abort.js';
import { normalizeCard, normalizeSet, requireArray } from './normalize.js';
import { decodeSnapshot } from './snapshot-format.js';
import type { CardSource } from './types.js';

const SNAPSHOT_NAME = 'catalogue.json.br';

/**
 * The snapshot shipped with the package. Works from `src/sources/` (tests,
 * tsx) and from the bundled `dist/index.js`.
 */
export function bundledSnapshotPath(): string {
  for (const relative of [`../data/${SNAPSHOT_NAME}`, `../../data/${SNAPSHOT_NAME}`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  return fileURLToPath(new URL(`../../data/${SNAPSHOT_NAME}`, import.meta.url));
}

interface LoadedSnapshot {
  sets: unknown[];
  cards: Record<string, unknown>;
}

async function loadSnapshot(path: string, signal?: AbortSignal): Promise<LoadedSnapshot> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path, { signal });
  } catch (error) {
    throwIfAborted(signal);
    throw new CatalogueDataError(path, '', 'cannot be read: rebuild it with `pnpm snapshot`', { cause: error });
  }
  let document: unknown;
  try {
    document = decodeSnapshot(bytes);
  } catch (error) {
    throw new CatalogueDataError(
      path,
      '',
      `is not a valid Brotli-compressed JSON snapshot (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  const doc = document as { sets?: unknown; cards?: unknown };
  const sets = requireArray(doc.sets, path, 'sets');
  if (typeof doc.cards !== 'object' || doc.cards === null)
    throw new CatalogueDataError(path, 'cards', 'must be an object');
  return { sets, cards: doc.cards as Record<string, unknown> };
}

/** Options of {@link bundledSource}. */
export interface BundledSourceOptions {
  /** Another snapshot file in the same format. @default the one shipped in the package's `data/` */
  path?: string;
  /** The decoded catalogue is dropped this long after its last use (a sync reads it many times in a row), ms. @default 60000 */
  keepDecodedMs?: number;
}

/**
 * The whole catalogue shipped inside the package (`data/catalogue.json.br`,
 * rebuilt by `pnpm --filter @pokemon/jobs-pokemon snapshot`), so the jobs run
 * on a fresh machine with no configuration. Decoded on first use and kept
 * while in use (see `keepDecodedMs`).
 */
export function bundledSource(options: BundledSourceOptions = {}): CardSource {
  const path = options.path ?? bundledSnapshotPath();
  const keepMs = options.keepDecodedMs ?? 60_000;
  let loading: Promise<LoadedSnapshot> | undefined;
  let release: ReturnType<typeof setTimeout> | undefined;
  const load = (signal?: AbortSignal): Promise<LoadedSnapshot> => {
    loading ??= loadSnapshot(path, signal).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    // The decoded catalogue is large: a long-running daemon keeps it only while it is being used.
    if (release) clearTimeout(release);
    release = setTimeout(() => {
      loading = undefined;
    }, keepMs);
    release.unref?.();
    return loading;
  };
  return {
    description: 'bundled snapshot',
    async listSets(signal?: AbortSignal): Promise<PokemonSet[]> {
      const { sets } = await load(signal);
      return sets.map((record, index) => normalizeSet(record, { file: path, path: `sets[${index}]` }));
    },
    async listCards(setId: string, signal?: AbortSignal): Promise<PokemonCard[]> {
      const { cards } = await load(signal);
      throwIfAborted(signal);
      const records = requireArray(cards[setId], path, `cards.${setId}`);
      return records.map((record, index) =>
        normalizeCard(record, { file: path, path: `cards.${setId}[${index}]` }, setId),
      );
    },
  };
}
