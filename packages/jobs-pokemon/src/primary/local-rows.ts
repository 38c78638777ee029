import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { CARD_COLUMNS, type CardRow, SET_COLUMNS, type SetRow } from '../catalog/rows.js';

/** `id → content_hash` of every row of a catalogue table. */
export function localHashes(db: CatalogDatabase, table: 'sets' | 'cards'): Map<string, string> {
  const rows = db.prepare(`SELECT id, content_hash FROM ${table}`).raw().all() as [string, string][];
  return new Map(rows);
}

function readRows<Row>(
  db: CatalogDatabase,
  table: string,
  columns: readonly string[],
  ids: ReadonlySet<string>,
): Row[] {
  if (ids.size === 0) return [];
  const select = `SELECT ${columns.join(', ')} FROM ${table}`;
  if (ids.size > 500) return (db.prepare(select).all() as (Row & { id: string })[]).filter((row) => ids.has(row.id));
  const one = db.prepare(`${select} WHERE id = ?`);
  return [...ids].map((id) => one.get(id) as Row);
}

/** The set rows whose id is in `ids`. */
export function readSetRows(db: CatalogDatabase, ids: ReadonlySet<string>): SetRow[] {
  return readRows<SetRow>(db, 'sets', SET_COLUMNS, ids);
}

/** The card rows whose id is in `ids`. */
export function readCardRows(db: CatalogDatabase, ids: ReadonlySet<string>): CardRow[] {
  return readRows<CardRow>(db, 'cards', CARD_COLUMNS, ids);
}
