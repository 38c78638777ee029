import type { CatalogDatabase } from './open-catalog.js';
import { CARD_COLUMNS, contentHashOf, SET_COLUMNS } from './rows.js';

/** A row whose stored `content_hash` is not the hash of its content (edited by hand, say). */
export interface StaleHash {
  /** Row id. */
  id: string;
  /** The hash of its content now. */
  contentHash: string;
}

/** Rows of `sets` and `cards` whose stored content hash is stale. */
export interface StaleHashes {
  /** Stale set rows. */
  sets: StaleHash[];
  /** Stale card rows. */
  cards: StaleHash[];
}

/** Rows an UPDATE trigger marked as edited: their hash was emptied. */
const EDITED = "WHERE content_hash = ''";

function staleRows(db: CatalogDatabase, table: string, columns: readonly string[], where = ''): StaleHash[] {
  const content = columns.filter((c) => c !== 'content_hash');
  const rows = db
    .prepare(`SELECT ${content.join(', ')}, content_hash FROM ${table} ${where}`)
    .raw()
    .all() as unknown[][];
  const stale: StaleHash[] = [];
  for (const row of rows) {
    const stored = row.pop() as string;
    const contentHash = contentHashOf(row);
    if (contentHash !== stored) stale.push({ id: row[0] as string, contentHash });
  }
  return stale;
}

/** Recomputes every row's content hash and returns the rows whose stored hash differs. */
export function findStaleHashes(db: CatalogDatabase): StaleHashes {
  return db.transaction(() => ({
    sets: staleRows(db, 'sets', SET_COLUMNS),
    cards: staleRows(db, 'cards', CARD_COLUMNS),
  }))();
}

/**
 * Recomputes the content hash of the rows an edit left without one (the
 * catalogue's `*_content_edited` triggers empty the hash of a row updated
 * without changing it) and stores it, in one write transaction, so that
 * replication sees the edit as a change. Returns the rows it repaired.
 */
export function repairEditedHashes(db: CatalogDatabase): StaleHashes {
  const repair = db.transaction(() => {
    const edited = {
      sets: staleRows(db, 'sets', SET_COLUMNS, EDITED),
      cards: staleRows(db, 'cards', CARD_COLUMNS, EDITED),
    };
    for (const [table, rows] of [
      ['sets', edited.sets],
      ['cards', edited.cards],
    ] as const) {
      const update = db.prepare(`UPDATE ${table} SET content_hash = ? WHERE id = ?`);
      for (const row of rows) update.run(row.contentHash, row.id);
    }
    return edited;
  });
  return repair.immediate();
}
