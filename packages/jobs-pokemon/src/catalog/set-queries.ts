import type { CatalogDatabase } from './open-catalog.js';
import type { SetRow } from './rows.js';
import { SET_COLUMNS } from './rows.js';
import { bindValues, INSERT_SET, UPDATE_SET, updateSetValues } from './sql.js';

/** What the catalogue knows of a set, to decide whether it changed. */
export interface StoredSetState {
  /** Upstream `updatedAt` when last synced. */
  updatedAt: string | null;
  /** Content hash of the stored row. */
  contentHash: string;
}

/** Every set's stored state, by id. */
export function readSetStates(db: CatalogDatabase): Map<string, StoredSetState> {
  const rows = db.prepare('SELECT id, updated_at, content_hash FROM sets').all() as {
    id: string;
    updated_at: string | null;
    content_hash: string;
  }[];
  return new Map(rows.map((r) => [r.id, { updatedAt: r.updated_at, contentHash: r.content_hash }]));
}

/** Number of sets in the catalogue. */
export function countSets(db: CatalogDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM sets').get() as { n: number }).n;
}

/** Inserts `inserts` and rewrites `updates`, in one transaction. */
export function writeSets(
  db: CatalogDatabase,
  inserts: readonly SetRow[],
  updates: readonly SetRow[],
  syncedAt: string,
): void {
  const insert = db.prepare(INSERT_SET);
  const update = db.prepare(UPDATE_SET);
  db.transaction(() => {
    for (const row of inserts) insert.run(bindValues(row, SET_COLUMNS, syncedAt));
    for (const row of updates) update.run(updateSetValues(row, syncedAt));
  }).immediate();
}
