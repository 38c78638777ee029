import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { type SetRow, setToRow } from '../catalog/rows.js';
import { readSetStates, type StoredSetState, writeSets } from '../catalog/set-queries.js';
import type { CardSource } from '../sources/types.js';

/** Result of {@link syncSets}: stored with the run of `sync-missing-sets`. */
export interface SyncSetsResult {
  /** Where the sets came from. */
  source: string;
  /** Sets the source lists. */
  setsInSource: number;
  /** Sets inserted (new). */
  inserted: number;
  /** Sets rewritten because they changed upstream. */
  updated: number;
  /** Sets already up to date. */
  unchanged: number;
  /** Ids of the inserted sets (first 50). */
  insertedIds: string[];
  /** Ids of the updated sets (first 50). */
  updatedIds: string[];
  /** Wall time, ms. */
  durationMs: number;
}

function hasChanged(row: SetRow, stored: StoredSetState): boolean {
  if (row.updated_at !== null && stored.updatedAt !== null) {
    // upstream's updatedAt is the change marker; the hash catches edits it does not announce.
    return row.updated_at > stored.updatedAt || row.content_hash !== stored.contentHash;
  }
  return row.content_hash !== stored.contentHash;
}

/**
 * Loads every set from `source`; inserts the missing ones and rewrites the
 * changed ones (newer `updatedAt`, or different content) in one transaction.
 */
export async function syncSets(
  db: CatalogDatabase,
  source: CardSource,
  options: { signal?: AbortSignal; now?: () => number } = {},
): Promise<SyncSetsResult> {
  const started = performance.now();
  const sets = await source.listSets(options.signal);
  options.signal?.throwIfAborted();
  const stored = readSetStates(db);
  const inserts: SetRow[] = [];
  const updates: SetRow[] = [];
  for (const set of sets) {
    const row = setToRow(set);
    const state = stored.get(row.id);
    if (!state) inserts.push(row);
    else if (hasChanged(row, state)) updates.push(row);
  }
  if (inserts.length + updates.length > 0) {
    writeSets(db, inserts, updates, new Date(options.now?.() ?? Date.now()).toISOString());
  }
  return {
    source: source.description,
    setsInSource: sets.length,
    inserted: inserts.length,
    updated: updates.length,
    unchanged: sets.length - inserts.length - updates.length,
    insertedIds: inserts.slice(0, 50).map((r) => r.id),
    updatedIds: updates.slice(0, 50).map((r) => r.id),
    durationMs: Math.round(performance.now() - started),
  };
}
