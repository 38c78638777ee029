import type pg from 'pg';
import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { repairEditedHashes, type StaleHashes } from '../catalog/stale-hashes.js';
import { CatalogueNotReadyError } from '../errors.js';
import { PG_CARD_COLUMNS, PG_SET_COLUMNS, type PgColumn } from './columns.js';
import { copyFrom } from './copy-from.js';
import {
  existingCardIds,
  localCardCount,
  localCardDigests,
  localCardHashesOfSets,
  localHashes,
  type RowValues,
  readCardRows,
  readSetRows,
} from './local-rows.js';
import { migratePrimary } from './migrations.js';
import { deleteRows, remoteCardDigests, remoteHashes } from './remote-hashes.js';
import { quoteSchema } from './schema-name.js';
import { upsertRows } from './upsert-batch.js';

/** Per-table outcome of a replication. */
export interface TableReplication {
  /** Rows in the catalogue. */
  rows: number;
  /** Rows new or changed, sent to the primary. */
  written: number;
  /** Rows removed from the primary because the catalogue no longer has them. */
  deleted: number;
  /** Rows identical on both sides, not sent. */
  unchanged: number;
}

/** Result of {@link replicateToPrimary}. */
export interface ReplicationResult {
  /** `true`: replication ran. */
  configured: true;
  /** PostgreSQL schema written. */
  schema: string;
  /** Migrations applied by this run. */
  migrationsApplied: number[];
  /** Sets. */
  sets: TableReplication;
  /** Cards. */
  cards: TableReplication;
  /**
   * Rows edited without updating their content hash: the hash was recomputed
   * in the catalogue before comparing, so the edits were replicated. Ids:
   * cards as is, sets as `set:<id>` (first 10).
   */
  hashesRepaired: { sets: number; cards: number; samples: string[] };
  /** Row counts matched after writing (otherwise the transaction was rolled back and the run failed). */
  verified: true;
  /** Wall time, ms. */
  durationMs: number;
}

/** Options of {@link replicateToPrimary}. */
export interface ReplicateOptions {
  /** PostgreSQL schema. @default 'pokemon' */
  schema?: string;
  /** Rows per `unnest` batch. @default 5000 */
  batchSize?: number;
  /** Checked between batches; an abort rolls everything back. */
  signal?: AbortSignal;
  /** Called after the comparison, with what is about to be written (the job forwards it to `ctx.heartbeat`). */
  onProgress?: (progress: { phase: 'write'; setsToWrite: number; cardsToWrite: number }) => Promise<void> | void;
}

interface Diff {
  /** New or changed ids. */
  changed: Set<string>;
  /** Ids the primary has, the catalogue no longer. */
  removed: string[];
  /** Rows in the catalogue. */
  rows: number;
  /** Whether the primary holds an id (changed rows it holds are updated, the others inserted). */
  remote: Map<string, string>;
}

/**
 * Compares `candidates` (the local rows that may differ) with `remote` (the
 * primary's hashes of at least those rows); `local` is every local row.
 */
function diff(
  local: Map<string, string>,
  remote: Map<string, string>,
  candidates: Iterable<[string, string]> = local,
): Diff {
  const changed = new Set<string>();
  for (const [id, hash] of candidates) if (remote.get(id) !== hash) changed.add(id);
  const removed = [...remote.keys()].filter((id) => !local.has(id));
  return { changed, removed, rows: local.size, remote };
}

/**
 * Card diff: per-set digests first; only the sets whose digest differs are
 * compared row by row, so a no-change run moves 172 digests, not 20,000 hashes.
 */
async function diffCards(client: pg.ClientBase, db: CatalogDatabase, table: string, rows: number): Promise<Diff> {
  const local = localCardDigests(db);
  const remoteDigests = await remoteCardDigests(client, table);
  const stale = [...local].filter(([setId, digest]) => remoteDigests.get(setId) !== digest).map(([setId]) => setId);
  for (const setId of remoteDigests.keys()) if (!local.has(setId)) stale.push(setId);
  if (stale.length === 0) return { changed: new Set(), removed: [], rows, remote: new Map() };
  const remote = await remoteHashes(client, table, stale);
  const candidates = localCardHashesOfSets(db, stale);
  const changed = new Set<string>();
  for (const [id, hash] of candidates) if (remote.get(id) !== hash) changed.add(id);
  // A remote id missing from the stale sets locally may have moved to another set: only the others are gone.
  const unknown = [...remote.keys()].filter((id) => !candidates.has(id));
  const moved = unknown.length > 0 ? existingCardIds(db, unknown) : new Set<string>();
  return { changed, removed: unknown.filter((id) => !moved.has(id)), rows, remote };
}

/**
 * Writes changed rows: the ones the primary lacks go in with COPY FROM STDIN
 * (no conflict is possible under the replication lock), the ones it holds with
 * an `unnest` upsert that rewrites a row only when its hash differs.
 */
async function writeRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly PgColumn[],
  rows: readonly RowValues[],
  remote: Map<string, string>,
  batchSize: number,
): Promise<number> {
  const inserts: RowValues[] = [];
  const updates: RowValues[] = [];
  for (const row of rows) (remote.has(row[0] as string) ? updates : inserts).push(row);
  const names = columns.map((c) => c.name);
  const copied = inserts.length > 0 ? await copyFrom(client, table, names, inserts) : 0;
  return copied + (await upsertRows(client, table, columns, updates, batchSize));
}

const summary = (d: Diff, written: number, deleted: number): TableReplication => ({
  rows: d.rows,
  written,
  deleted,
  unchanged: d.rows - d.changed.size,
});

/**
 * Copies the catalogue into the primary PostgreSQL: recomputes the content
 * hash of rows edited since the last run without updating it (a catalogue
 * trigger marks them) so the edits are replicated, migrates the schema, then
 * in ONE transaction upserts the new and changed sets then cards (content-hash
 * comparison: unchanged rows are neither sent nor rewritten; new rows go
 * through COPY FROM STDIN, changed ones through `unnest` batches), deletes
 * rows the catalogue no longer has, and verifies the counts. The catalogue is
 * read in one read transaction on `db` (pass a connection nobody else uses
 * meanwhile; the jobs open their own).
 */
export async function replicateToPrimary(
  db: CatalogDatabase,
  client: pg.ClientBase,
  options: ReplicateOptions = {},
): Promise<ReplicationResult> {
  const started = performance.now();
  const schema = options.schema ?? 'pokemon';
  quoteSchema(schema); // validates before anything is read
  const batchSize = options.batchSize ?? 5000;
  const { signal } = options;
  // A hash a manual edit left stale would hide the edit from the comparison (see catalogue migration 3).
  const repaired = repairEditedHashes(db);
  // One read transaction for every catalogue read below (held across the awaits):
  // a consistent snapshot while other connections write. This run's connection is ours alone.
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  try {
    const localSets = localHashes(db, 'sets');
    const cardCount = localCardCount(db);
    if (cardCount === 0) {
      throw new CatalogueNotReadyError(
        'The catalogue has no cards: run sync-missing-sets and sync-missing-cards before replicating (refusing to empty the primary)',
      );
    }
    const migrationsApplied = await migratePrimary(client, schema);
    return await replicateInTransaction(
      db,
      client,
      { schema, batchSize, signal, onProgress: options.onProgress },
      {
        localSets,
        cardCount,
        migrationsApplied,
        repaired,
        started,
      },
    );
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('COMMIT');
  }
}

interface LocalSnapshot {
  localSets: Map<string, string>;
  cardCount: number;
  migrationsApplied: number[];
  repaired: StaleHashes;
  started: number;
}

async function replicateInTransaction(
  db: CatalogDatabase,
  client: pg.ClientBase,
  options: Required<Pick<ReplicateOptions, 'schema' | 'batchSize'>> & Pick<ReplicateOptions, 'signal' | 'onProgress'>,
  local: LocalSnapshot,
): Promise<ReplicationResult> {
  const { schema, batchSize, signal } = options;
  const s = quoteSchema(schema);
  const { migrationsApplied, started } = local;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pokemon-replicate:${schema}`]);
    const sets = diff(local.localSets, await remoteHashes(client, `${s}.sets`));
    const cards = await diffCards(client, db, `${s}.cards`, local.cardCount);
    signal?.throwIfAborted();
    const rows = { sets: readSetRows(db, sets.changed), cards: readCardRows(db, cards.changed) };
    await options.onProgress?.({ phase: 'write', setsToWrite: rows.sets.length, cardsToWrite: rows.cards.length });
    const setsWritten = await writeRows(client, `${s}.sets`, PG_SET_COLUMNS, rows.sets, sets.remote, batchSize);
    signal?.throwIfAborted();
    const cardsWritten = await writeRows(client, `${s}.cards`, PG_CARD_COLUMNS, rows.cards, cards.remote, batchSize);
    const cardsDeleted = await deleteRows(client, `${s}.cards`, cards.removed);
    const setsDeleted = await deleteRows(client, `${s}.sets`, sets.removed);
    signal?.throwIfAborted();
    await verifyCounts(client, s, sets.rows, cards.rows);
    await client.query('COMMIT');
    return {
      configured: true,
      schema,
      migrationsApplied,
      sets: summary(sets, setsWritten, setsDeleted),
      cards: summary(cards, cardsWritten, cardsDeleted),
      hashesRepaired: {
        sets: local.repaired.sets.length,
        cards: local.repaired.cards.length,
        samples: [...local.repaired.cards.map((r) => r.id), ...local.repaired.sets.map((r) => `set:${r.id}`)].slice(
          0,
          10,
        ),
      },
      verified: true,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function verifyCounts(client: pg.ClientBase, s: string, sets: number, cards: number): Promise<void> {
  const { rows } = await client.query<{ sets: number; cards: number }>(
    `SELECT (SELECT count(*)::int FROM ${s}.sets) AS sets, (SELECT count(*)::int FROM ${s}.cards) AS cards`,
  );
  const remote = rows[0]!;
  if (remote.sets !== sets || remote.cards !== cards) {
    throw new Error(
      `Replication verification failed: primary has ${remote.sets} sets / ${remote.cards} cards, catalogue ${sets} / ${cards}; rolled back`,
    );
  }
}
