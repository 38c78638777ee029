import type { Clock } from '../../core/clock.js';
import type { PgPoolLike } from './driver-types.js';

/** Where the PostgreSQL store keeps its data. */
export type PostgresStoreConnection =
  | {
      /** Your `pg.Pool`; the store never ends it. */
      pool: PgPoolLike;
    }
  | {
      /** e.g. `postgres://user:pass@host:5432/db`. The store creates its own pool (loading `pg`) and ends it on `close()`. */
      connectionString: string;
      /** Pool size. @default 4 */
      max?: number;
      /** How long to wait for a new connection before failing. @default 10000 */
      connectionTimeoutMs?: number;
    };

/** Options of `createPostgresStore`. */
export interface PostgresStoreOptions {
  /** Schema holding the store's tables (created by `init()`), so they never clash with yours. @default 'scheduler' */
  schema?: string;
  /**
   * Where store-set times (`createdAt`, leases, heartbeats) come from. By
   * default the database's `now()`, shared by every instance, so skewed host
   * clocks cannot double-run a slot. Inject a fake clock only in tests.
   */
  clock?: Clock;
  /**
   * Report job changes (pause, resume, schedule override) made by any instance as they
   * happen, through `LISTEN/NOTIFY` on one connection held from the pool, so other
   * instances apply them within about a second instead of at their next poll. Turn it off
   * behind a pooler that does not support `LISTEN` (PgBouncer in transaction mode): the
   * scheduler then relies on polling (`pollIntervalMs`) alone.
   * @default true
   */
  listen?: boolean;
}
