import { createHash } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { PgClientLike, PgPoolLike } from './driver-types.js';
import type { PgTables } from './tables.js';

/** A pool or a client inside a transaction. */
export type Queryable = { query: PgPoolLike['query'] };

/** A statement: `key` names it in the statement cache, `build` writes it for the store's schema. */
export interface Sql {
  key: string;
  build: (t: PgTables) => string;
}

/** The database clock, to the millisecond. */
const SELECT_NOW: Sql = { key: 'selectNow', build: () => `SELECT date_trunc('milliseconds', now()) AS now` };

/** An `Error` to hand `client.release()` so the pool discards a broken connection. */
function toReleaseError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The initialised pool of the PostgreSQL store, as every operation (`jobs.ts`,
 * `claims.ts`, …) uses it: named statements (prepared once per connection),
 * the store's time, and transactions.
 */
export class PgSession {
  readonly pool: PgPoolLike;
  readonly tables: PgTables;
  /** The server, for messages (`host:port/database`). */
  readonly target: string;
  readonly #clock: Clock | undefined;
  readonly #texts = new Map<string, { name: string; text: string }>();

  constructor(pool: PgPoolLike, tables: PgTables, clock: Clock | undefined, target: string) {
    this.pool = pool;
    this.tables = tables;
    this.#clock = clock;
    this.target = target;
  }

  /** The injected clock's time, or `null` so the statement uses the database's `now()`. */
  nowParam(): Date | null {
    return this.#clock ? new Date(this.#clock.now()) : null;
  }

  /** The store's time: the injected clock's, else the database's. */
  async now(): Promise<Date> {
    if (this.#clock) return new Date(this.#clock.now());
    return (await this.rows<{ now: Date }>(SELECT_NOW))[0]?.now as Date;
  }

  /** The rows `sql` returns. */
  async rows<R>(sql: Sql, values: unknown[] = [], db: Queryable = this.pool): Promise<R[]> {
    return (await db.query({ ...this.#statement(sql), values })).rows as R[];
  }

  /** How many rows `sql` changed. */
  async run(sql: Sql, values: unknown[] = [], db: Queryable = this.pool): Promise<number> {
    return (await db.query({ ...this.#statement(sql), values })).rowCount ?? 0;
  }

  /** Runs `work` in a transaction on one client; a connection that cannot roll back is discarded. */
  async transaction<T>(work: (client: PgClientLike) => Promise<T>): Promise<T> {
    return pgTransaction(this.pool, work);
  }

  /** A named (per-connection prepared) statement for `sql`. */
  #statement(sql: Sql): { name: string; text: string } {
    let statement = this.#texts.get(sql.key);
    if (!statement) {
      const text = sql.build(this.tables);
      statement = { name: `psched_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
      this.#texts.set(sql.key, statement);
    }
    return statement;
  }
}

/** Runs `work` in a transaction on one client of `pool`; a connection that cannot roll back is discarded. */
export async function pgTransaction<T>(pool: PgPoolLike, work: (client: PgClientLike) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query({ text: 'BEGIN' });
    const result = await work(client);
    await client.query({ text: 'COMMIT' });
    client.release();
    return result;
  } catch (error) {
    const broken = await client.query({ text: 'ROLLBACK' }).then(
      () => false,
      () => true,
    );
    client.release(broken ? toReleaseError(error) : undefined);
    throw error;
  }
}
