import type { Clock } from '../../core/clock.js';
import type { BetterSqlite3Database } from './driver-types.js';

/** Where the SQLite store keeps its data. */
export type SqliteStoreConnection =
  | {
      /** Your better-sqlite3 `Database`; the store never closes it. */
      database: BetterSqlite3Database;
    }
  | {
      /** Path of the database file (created if missing, unless `readonly`). The store opens and closes it. */
      filename: string;
      /** Open for queries only: `init()` checks the schema instead of migrating; writes fail with a StoreError. @default false */
      readonly?: boolean;
    };

/** Options of `createSqliteStore`. */
export interface SqliteStoreOptions {
  /** Prefix of the store's tables, so they never clash with yours. Letters, digits, `_`. @default 'scheduler_' */
  tablePrefix?: string;
  /**
   * Where store-set times (`createdAt`, leases, heartbeats) come from.
   * By default the database's clock (SQLite's `julianday('now')`), which every
   * process on the host shares; inject a fake clock only in tests.
   */
  clock?: Clock;
  /** How long a statement waits for another process's write lock before failing. @default 5000 */
  busyTimeoutMs?: number;
}
