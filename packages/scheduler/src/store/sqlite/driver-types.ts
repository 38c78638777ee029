/**
 * The part of a better-sqlite3 prepared statement the SQLite store uses
 * (structural, so the store's types never need `@types/better-sqlite3`).
 */
export interface BetterSqlite3Statement {
  /** Runs the statement; `changes` is the number of rows written. */
  run(...params: unknown[]): {
    /** Rows written. */
    changes: number;
  };
  /** The first row, or `undefined`. */
  get(...params: unknown[]): unknown;
  /** Every row. */
  all(...params: unknown[]): unknown[];
}

/**
 * The part of a better-sqlite3 `Database` the SQLite store uses. Pass your own
 * `new Database(file)`: the store never closes it.
 */
export interface BetterSqlite3Database {
  /** Compiles a statement. */
  prepare(source: string): BetterSqlite3Statement;
  /** Runs one or more statements without results. */
  exec(source: string): unknown;
  /** Runs a PRAGMA. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Closes the connection. */
  close(): unknown;
  /** The file name the database was opened with. */
  readonly name: string;
  /** Whether it is open. */
  readonly open: boolean;
  /** Whether it was opened read-only. */
  readonly readonly: boolean;
  /** Whether a transaction is open on this connection. */
  readonly inTransaction: boolean;
}

/** The better-sqlite3 module's default export: the `Database` constructor. */
export type BetterSqlite3Constructor = new (
  filename: string,
  options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number },
) => BetterSqlite3Database;
