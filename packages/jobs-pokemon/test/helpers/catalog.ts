import { openCatalog } from '../../src/catalog/open-catalog.js';
import { directorySource } from '../../src/sources/directory.js';
import { syncCards } from '../../src/sync/sync-cards.js';
import { syncSets } from '../../src/sync/sync-sets.js';
import { FIXTURE_DIR } from './files.js';

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
