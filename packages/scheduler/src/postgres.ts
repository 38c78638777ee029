/**
 * `@pokemon/scheduler/postgres`: a {@link Store} on PostgreSQL (pg, an
 * optional peer dependency loaded only from here), for several scheduler
 * instances sharing one database.
 *
 * @packageDocumentation
 */

import type { PostgresStoreConnection, PostgresStoreOptions } from './store/postgres/options.js';
import { PostgresStore } from './store/postgres/postgres-store.js';
import type { Store } from './store/types.js';

export type {
  PgClientLike,
  PgPoolLike,
  PgQueryConfig,
  PgQueryResultLike,
} from './store/postgres/driver-types.js';
export type { PostgresStoreConnection, PostgresStoreOptions } from './store/postgres/options.js';

/**
 * Creates a {@link Store} on PostgreSQL: job state, run history and slot
 * claims in `schema`, created by versioned migrations in `init()` (under an
 * advisory lock, so concurrent instances can start together).
 *
 * Each slot runs exactly once across instances: a claim is one statement
 * (insert on a partial unique index of `(job, claim_key)`, taking over an
 * expired lease atomically), no lock is held while a job runs, and leases use
 * the database's clock, so skewed hosts agree on expiry.
 *
 * @param connection - `{ connectionString, max? }` (the store creates a pool, loading `pg` on `init()`, and ends it on `close()`) or `{ pool }` (yours; never ended)
 * @param options - schema, clock
 * @returns the store; call `init()` before use (the scheduler's `start()` does)
 * @throws StoreError on `init()` when `pg` is missing or the server is unreachable (the message names host and port, never the password); operations reject with StoreError while the connection is lost, and succeed again once the server is back
 *
 * @example
 * ```ts
 * import { createPostgresStore } from '@pokemon/scheduler/postgres';
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * ```
 */
export function createPostgresStore(connection: PostgresStoreConnection, options: PostgresStoreOptions = {}): Store {
  return new PostgresStore(connection, options);
}
