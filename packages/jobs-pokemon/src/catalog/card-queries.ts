import type { CatalogDatabase } from './open-catalog.js';
import type { CardRow } from './rows.js';
import { CARD_COLUMNS } from './rows.js';
import { bindValues, INSERT_CARD } from './sql.js';

/** Number of cards of each set in the catalogue (sets without cards are absent). */
export function countCardsBySet(db: CatalogDatabase): Map<string, number> {
  const rows = db.prepare('SELECT set_id, count(*) AS n FROM cards GROUP BY set_id').all() as {
    set_id: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.set_id, r.n]));
}

/** Number of cards in the catalogue. */
export function countCards(db: CatalogDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM cards').get() as { n: number }).n;
}

/** Ids of the cards of one set already in the catalogue. */
export function cardIdsOfSet(db: CatalogDatabase, setId: string): Set<string> {
  return new Set(db.prepare('SELECT id FROM cards WHERE set_id = ?').pluck().all(setId) as string[]);
}

/** Inserts card rows, each set's in one transaction (all of them or none), with one prepared statement. */
export function cardInserter(db: CatalogDatabase): (rows: readonly CardRow[], syncedAt: string) => void {
  const insert = db.prepare(INSERT_CARD);
  const transaction = db.transaction((rows: readonly CardRow[], syncedAt: string) => {
    for (const row of rows) insert.run(bindValues(row, CARD_COLUMNS, syncedAt));
  });
  return (rows, syncedAt) => transaction.immediate(rows, syncedAt);
}
