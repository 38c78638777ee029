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

/**
 * `set_id → md5 of the set's card hashes concatenated in id byte order` (hex),
 * the same digest as `remoteCardDigests`. SQLite concatenates (172 rows come
 * back, not 20,000), over the covering index `cards_set_id_hash`.
 */
export function localCardDigests(db: CatalogDatabase): Map<string, string> {
  const rows = db
    .prepare("SELECT set_id, group_concat(content_hash, '' ORDER BY id) FROM cards GROUP BY set_id")
    .raw()
    .all() as [string, string][];
  return new Map(rows.map(([setId, hashes]) => [setId, createHash('md5').update(hashes).digest('hex')]));
}

/** Number of cards. */
export function localCardCount(db: CatalogDatabase): number {
  return db.prepare('SELECT count(*) FROM cards').pluck().get() as number;
}

/** `id → content_hash` of the cards of the sets `setIds`. */
export function localCardHashesOfSets(db: CatalogDatabase, setIds: readonly string[]): Map<string, string> {
  const rows = db
    .prepare('SELECT id, content_hash FROM cards WHERE set_id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(setIds)) as [string, string][];
  return new Map(rows);
}

/** The ids among `ids` that the catalogue has (in any set). */
export function existingCardIds(db: CatalogDatabase, ids: readonly string[]): Set<string> {
  const rows = db
    .prepare('SELECT id FROM cards WHERE id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(ids)) as string[];
  return new Set(rows);
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
