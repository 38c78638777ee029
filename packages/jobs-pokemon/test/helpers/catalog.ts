import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openCatalog } from '../../src/catalog/open-catalog.js';
import { directorySource } from '../../src/sources/directory.js';
import { syncCards } from '../../src/sync/sync-cards.js';
import { syncSets } from '../../src/sync/sync-sets.js';
import { FIXTURE_DIR, tempDir } from './files.js';

/** Creates a catalogue at `path` filled from the fixture (5 sets, 98 cards). */
export async function seedCatalog(path: string, sourceDir = FIXTURE_DIR): Promise<void> {
  const db = openCatalog(path);
  try {
    const source = directorySource(sourceDir);
    await syncSets(db, source);
    await syncCards(db, source);
  } finally {
    db.close();
  }
}

/** The paths of a seeded catalogue in a fresh temp directory, renewed before each test. */
export interface SeededCatalogue {
  /** The temp directory (removed after each test). */
  readonly dir: string;
  /** `<dir>/catalogue.sqlite3`, seeded from the fixture. */
  readonly catalogPath: string;
  /** `<dir>/backups` (not created). */
  readonly backupDir: string;
}

/** Registers hooks that give each test of the enclosing suite a freshly seeded catalogue; read the paths in the tests. */
export function useSeededCatalogue(): SeededCatalogue {
  const paths = { dir: '', catalogPath: '', backupDir: '' };
  let cleanup = (): void => undefined;
  beforeEach(async () => {
    ({ dir: paths.dir, cleanup } = tempDir());
    paths.catalogPath = join(paths.dir, 'catalogue.sqlite3');
    paths.backupDir = join(paths.dir, 'backups');
    await seedCatalog(paths.catalogPath);
  });
  afterEach(() => cleanup());
  return paths;
}
