import { cardIdsOfSet, cardInserter, countCardsBySet } from '../catalog/card-queries.js';
import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { type CardRow, cardToRow } from '../catalog/rows.js';
import { readSetStates } from '../catalog/set-queries.js';
import { CatalogueDataError, CatalogueSyncError } from '../errors.js';
import type { PokemonCard } from '../model.js';
import type { CardSource } from '../sources/types.js';

/** Progress reported after each set by {@link syncCards}. */
export interface SyncCardsProgress {
  /** Sets examined so far. */
  setsDone: number;
  /** Sets to examine. */
  setsTotal: number;
  /** Cards inserted so far. */
  cardsInserted: number;
  /** The set just finished. */
  setId: string;
}

/** Result of {@link syncCards}: stored with the run of `sync-missing-cards`. */
export interface SyncCardsResult {
  /** Where the cards came from. */
  source: string;
  /** Sets compared with the source. */
  setsChecked: number;
  /** Sets that had fewer cards in the catalogue than in the source. */
  setsIncomplete: number;
  /** Cards inserted. */
  cardsInserted: number;
  /** Cards per completed set (first 50 sets). */
  insertedBySet: Record<string, number>;
  /** Sets the source lists that are not in the catalogue (run `sync-missing-sets` first). */
  setsNotInCatalogue: string[];
  /**
   * Sets left as they were because their cards could not be imported (a
   * malformed file, a card id another set uses) or because the source lists
   * no cards for a set the catalogue holds cards of. Every other set was
   * synced; when this is not empty {@link syncCards} throws a
   * `CatalogueSyncError` carrying this result.
   */
  failedSets: SyncCardsFailure[];
  /** Wall time, ms. */
  durationMs: number;
}

/** A set {@link syncCards} left as it was, and why. */
export interface SyncCardsFailure {
  /** The set. */
  setId: string;
  /** What was wrong, naming the file (or URL) and the path inside it. */
  problem: string;
}

/** Options of {@link syncCards}. */
export interface SyncCardsOptions {
  /** Checked between sets: an abort leaves only whole sets written. */
  signal?: AbortSignal;
  /** Called after each set (the job forwards it to `ctx.heartbeat`). */
  onProgress?: (progress: SyncCardsProgress) => Promise<void> | void;
  /** Clock for `synced_at`. */
  now?: () => number;
}

/** Starts fetching a set's cards; a rejection is observed when awaited (or dropped if the loop stopped first). */
function prefetch(source: CardSource, setId: string, signal: AbortSignal | undefined): Promise<PokemonCard[]> {
  const promise = source.listCards(setId, signal);
  promise.catch(() => {});
  return promise;
}

/** What writing one set needs. */
interface SetWriter {
  db: CatalogDatabase;
  source: CardSource;
  insert: ReturnType<typeof cardInserter>;
  now: (() => number) | undefined;
  result: SyncCardsResult;
}

/** Inserts one set's missing cards in one transaction; a constraint violation becomes a CatalogueDataError. */
function insertSetCards(writer: SetWriter, setId: string, rows: CardRow[]): void {
  try {
    writer.insert(rows, new Date(writer.now?.() ?? Date.now()).toISOString());
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw error;
    throw new CatalogueDataError(
      writer.source.description,
      `cards of set ${setId}`,
      `cannot be inserted (${(error as Error).message}): is a card id used twice, or by another set? Nothing of this set was written`,
      { cause: error },
    );
  }
}

/**
 * For every catalogue set whose card count is below the source's (not the
 * set's `total`: some sets hold more), inserts the missing cards, one
 * transaction per set. A set whose cards cannot be imported is left as it was
 * and the others are synced; then a `CatalogueSyncError` names every such set.
 */
export async function syncCards(
  db: CatalogDatabase,
  source: CardSource,
  options: SyncCardsOptions = {},
): Promise<SyncCardsResult> {
  const started = performance.now();
  const { signal } = options;
  const sourceSets = await source.listSets(signal);
  const catalogueSets = readSetStates(db);
  const counts = countCardsBySet(db);
  const setIds = sourceSets.map((s) => s.id).filter((id) => catalogueSets.has(id));
  const result: SyncCardsResult = {
    source: source.description,
    setsChecked: 0,
    setsIncomplete: 0,
    cardsInserted: 0,
    insertedBySet: {},
    setsNotInCatalogue: sourceSets.map((s) => s.id).filter((id) => !catalogueSets.has(id)),
    failedSets: [],
    durationMs: 0,
  };
  const writer: SetWriter = { db, source, insert: cardInserter(db), now: options.now, result };
  // The next set is fetched while this one is written: reading overlaps inserting.
  let next = setIds.length > 0 ? prefetch(source, setIds[0]!, signal) : undefined;
  for (const [index, setId] of setIds.entries()) {
    signal?.throwIfAborted();
    const fetched = next!;
    next = index + 1 < setIds.length ? prefetch(source, setIds[index + 1]!, signal) : undefined;
    result.setsChecked++;
    try {
      const cards = await fetched;
      signal?.throwIfAborted();
      syncSet(writer, setId, cards, counts.get(setId) ?? 0);
    } catch (error) {
      if (!(error instanceof CatalogueDataError)) throw error;
      result.failedSets.push({ setId, problem: error.message });
    }
    await options.onProgress?.({
      setsDone: result.setsChecked,
      setsTotal: setIds.length,
      cardsInserted: result.cardsInserted,
      setId,
    });
  }
  result.durationMs = Math.round(performance.now() - started);
  if (result.failedSets.length > 0) throw new CatalogueSyncError(result);
  return result;
}

/** Inserts the missing cards of one set (one transaction), or throws a CatalogueDataError leaving it as it was. */
function syncSet(writer: SetWriter, setId: string, cards: PokemonCard[], stored: number): void {
  if (cards.length === 0 && stored > 0) {
    throw new CatalogueDataError(
      writer.source.description,
      `cards of set ${setId}`,
      `are an empty list, but the catalogue holds ${stored}: a truncated or emptied file? Nothing of this set was changed`,
    );
  }
  if (stored >= cards.length) return;
  const present = stored > 0 ? cardIdsOfSet(writer.db, setId) : undefined;
  const rows = (present ? cards.filter((card) => !present.has(card.id)) : cards).map(cardToRow);
  insertSetCards(writer, setId, rows);
  const { result } = writer;
  result.setsIncomplete++;
  result.cardsInserted += rows.length;
  if (Object.keys(result.insertedBySet).length < 50) result.insertedBySet[setId] = rows.length;
}
