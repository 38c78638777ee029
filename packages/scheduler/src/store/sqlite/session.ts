import type { Clock } from '../../core/clock.js';
import type { BetterSqlite3Database, BetterSqlite3Statement } from './driver-types.js';
import type { SqliteTables } from './tables.js';

/** Named parameters of a better-sqlite3 statement. */
export type Params = Record<string, unknown>;

/** A statement: `key` names it in the prepared-statement cache, `build` writes it for the store's tables. */
export interface Sql {
  key: string;
  build: (t: SqliteTables) => string;
}

/** The database clock (the host's), ms since the epoch. */
const SELECT_NOW: Sql = {
  key: 'selectNow',
  build: () => `SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now`,
};
const BEGIN_IMMEDIATE: Sql = { key: 'begin', build: () => 'BEGIN IMMEDIATE' };
const COMMIT: Sql = { key: 'commit', build: () => 'COMMIT' };

/**
 * One open connection of the SQLite store, as every operation (`jobs.ts`,
 * `claims.ts`, …) uses it: prepared statements cached by key, the store's
 * time, and write transactions.
 */
export class SqliteSession {
  readonly db: BetterSqlite3Database;
  readonly #tables: SqliteTables;
  readonly #clock: Clock | undefined;
  readonly #statements = new Map<string, BetterSqlite3Statement>();

  constructor(db: BetterSqlite3Database, tables: SqliteTables, clock: Clock | undefined) {
    this.db = db;
    this.#tables = tables;
    this.#clock = clock;
  }

  /** The prepared statement of `sql`, prepared on first use. */
  stmt(sql: Sql): BetterSqlite3Statement {
    let statement = this.#statements.get(sql.key);
    if (!statement) {
      statement = this.db.prepare(sql.build(this.#tables));
      this.#statements.set(sql.key, statement);
    }
    return statement;
  }

  /** The store's time in ms: the injected clock's, else the database's. */
  nowMs(): number {
    if (this.#clock) return this.#clock.now();
    return (this.stmt(SELECT_NOW).get() as { now: number }).now;
  }

  /**
   * `BEGIN IMMEDIATE` takes the write lock up front, so a read-decide-write
   * of several statements is atomic across processes. (A single autocommit
   * write needs none: SQLite retries its snapshot under the busy timeout.)
   */
  immediate<T>(work: () => T): T {
    this.stmt(BEGIN_IMMEDIATE).run();
    try {
      const result = work();
      this.stmt(COMMIT).run();
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Forgets the prepared statements (the connection is closing). */
  clear(): void {
    this.#statements.clear();
  }
}
