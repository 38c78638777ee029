/**
 * `@pokemon/scheduler/sqlite`: a {@link Store} on one SQLite file
 * (better-sqlite3, an optional peer dependency loaded only from here).
 *
 * @packageDocumentation
 */

import type { SqliteStoreConnection, SqliteStoreOptions } from './store/sqlite/options.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/types.js';

export type { BetterSqlite3Database, BetterSqlite3Statement } from './store/sqlite/driver-types.js';
export type { SqliteStoreConnection, SqliteStoreOptions } from './store/sqlite/options.js';

/**
 * Creates a {@link Store} on a SQLite database: job state, run history and
 * slot claims in tables prefixed `tablePrefix`, created by versioned
 * migrations in `init()` (safe from two processes at once).
 *
 * Several processes on the same host may share one file: claims, takeovers
 * and reaping run in `BEGIN IMMEDIATE` transactions, so each slot runs once.
 * The file is put in WAL mode with a busy timeout. Do not share a file over a
 * network filesystem.
 *
 * @param connection - `{ filename }` (the store opens and closes it; better-sqlite3 is loaded on `init()`) or `{ database }` (yours; never closed)
 * @param options - table prefix, clock, busy timeout
 * @returns the store; call `init()` before use (the scheduler's `start()` does)
 * @throws StoreError on `init()` when better-sqlite3 is missing, the file is corrupt or read-only, or it cannot be opened
 *
 * @example
 * ```ts
 * import { createSqliteStore } from '@pokemon/scheduler/sqlite';
 * const store = createSqliteStore({ filename: './scheduler.db' });
 * ```
 */
export function createSqliteStore(connection: SqliteStoreConnection, options: SqliteStoreOptions = {}): Store {
  return new SqliteStore(connection, options);
}
