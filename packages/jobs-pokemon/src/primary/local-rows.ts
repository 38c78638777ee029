import { createHash } from 'node:crypto';
import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { CARD_COLUMNS, SET_COLUMNS } from '../catalog/rows.js';

/** A catalogue row as an array of values in column order (`id` first). */
export type RowValues = unknown[];

/** `id → content_hash` of every row of a catalogue table. */
export function localHashes(db: CatalogDatabase, table: 'sets' | 'cards'): Map<string, string> {
  const rows = db.prepare(`SELECT id, content_hash FROM ${table}`).raw().all() as [string, string][];
  return new Map(rows);
}

/** Card hashes of the catalogue, with one digest per set to compare whole sets at once. */
export interface LocalCardHashes {
  /** `id → content_hash` of every card. */
  hashes: Map<string, string>;
  /** `set_id → [id, content_hash][]`, ids in byte order. */
  bySet: Map<string, [string, string][]>;
  /** `set_id → md5(concatenated content hashes in id byte order)`, hex; see `remoteCardDigests`. */
  digests: Map<string, string>;
}

/** Reads every card's hash, grouped by set, with per-set digests. */
export function localCardHashes(db: CatalogDatabase): LocalCardHashes {
  const rows = db.prepare('SELECT set_id, id, content_hash FROM cards ORDER BY set_id, id').raw().all() as [
    string,
    string,
    string,
  ][];
  const hashes = new Map<string, string>();
  const bySet = new Map<string, [string, string][]>();
  for (const [setId, id, hash] of rows) {
    hashes.set(id, hash);
    let entries = bySet.get(setId);
    if (!entries) {
      entries = [];
      bySet.set(setId, entries);
    }
    entries.push([id, hash]);
  }
  const digests = new Map<string, string>();
  for (const [setId, entries] of bySet) {
    digests.set(
      setId,
      createHash('md5')
        .update(entries.map(([, hash]) => hash).join(''))
        .digest('hex'),
    );
  }
  return { hashes, bySet, digests };
}

function readRows(
  db: CatalogDatabase,
  table: string,
  columns: readonly string[],
  ids: ReadonlySet<string>,
): RowValues[] {
  if (ids.size === 0) return [];
  const select = `SELECT ${columns.join(', ')} FROM ${table}`;
  if (ids.size > 500) {
    return (db.prepare(select).raw().all() as RowValues[]).filter((row) => ids.has(row[0] as string));
  }
  const one = db.prepare(`${select} WHERE id = ?`).raw();
  return [...ids].map((id) => one.get(id) as RowValues);
}

/** The set rows whose id is in `ids`, as {@link SET_COLUMNS} value arrays. */
export function readSetRows(db: CatalogDatabase, ids: ReadonlySet<string>): RowValues[] {
  return readRows(db, 'sets', SET_COLUMNS, ids);
}

/** The card rows whose id is in `ids`, as {@link CARD_COLUMNS} value arrays. */
export function readCardRows(db: CatalogDatabase, ids: ReadonlySet<string>): RowValues[] {
  return readRows(db, 'cards', CARD_COLUMNS, ids);
}
