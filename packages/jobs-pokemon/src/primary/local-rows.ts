import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { CARD_COLUMNS, SET_COLUMNS } from '../catalog/rows.js';

/** A catalogue row as an array of values in column order (`id` first). */
export type RowValues = unknown[];

/** `id → content_hash` of every row of a catalogue table. */
export function localHashes(db: CatalogDatabase, table: 'sets' | 'cards'): Map<string, string> {
  const rows = db.prepare(`SELECT id, content_hash FROM ${table}`).raw().all() as [string, string][];
  return new Map(rows);
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
