import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { CARD_JSON_COLUMNS, SET_JSON_COLUMNS } from '../catalog/rows.js';

const SAMPLES = 10;

/** `count` + first ids of a query returning one id column. */
function sample(db: CatalogDatabase, sql: string): { count: number; samples: string[] } {
  const ids = db.prepare(sql).pluck().all() as string[];
  return { count: ids.length, samples: ids.slice(0, SAMPLES) };
}

/** Cards whose set is not in `sets`. */
export const orphanedCards = (db: CatalogDatabase) =>
  sample(db, 'SELECT c.id FROM cards c LEFT JOIN sets s ON s.id = c.set_id WHERE s.id IS NULL ORDER BY c.id');

/** `(set, number)` pairs held by more than one card. */
export const duplicateNumbers = (db: CatalogDatabase) =>
  sample(db, "SELECT set_id || '/' || number FROM cards GROUP BY set_id, number HAVING count(*) > 1 ORDER BY 1");

/** Cards or sets with an empty required field. */
export const missingRequired = (db: CatalogDatabase) =>
  sample(
    db,
    `SELECT id FROM cards WHERE trim(coalesce(name, '')) = '' OR trim(coalesce(supertype, '')) = '' OR trim(coalesce(number, '')) = '' OR trim(coalesce(set_id, '')) = ''
     UNION ALL SELECT 'set:' || id FROM sets WHERE trim(coalesce(name, '')) = '' OR trim(coalesce(series, '')) = ''`,
  );

/** Rows with a JSON column that does not hold valid JSON. */
export function invalidJson(db: CatalogDatabase): { count: number; samples: string[] } {
  const check = (table: string, columns: ReadonlySet<string>, prefix: string): string =>
    `SELECT ${prefix}id || ':' || col FROM (${[...columns]
      .map((c) => `SELECT id, '${c}' AS col FROM ${table} WHERE ${c} IS NOT NULL AND json_valid(${c}) = 0`)
      .join(' UNION ALL ')})`;
  return sample(
    db,
    `${check('cards', CARD_JSON_COLUMNS, '')} UNION ALL ${check('sets', SET_JSON_COLUMNS, "'set:' || ")}`,
  );
}

/** `PRAGMA foreign_key_check` violations. */
export function foreignKeyViolations(db: CatalogDatabase): { count: number; samples: string[] } {
  const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  return { count: rows.length, samples: rows.slice(0, SAMPLES).map((r) => `${r.table}#${r.rowid}->${r.parent}`) };
}
