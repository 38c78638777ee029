import { StoreError } from '../../core/errors.js';
import type { PgModule, PgPoolLike } from './driver-types.js';

/** Loads pg (an optional peer dependency) on first use. */
async function loadPg(): Promise<PgModule> {
  try {
    const module = (await import('pg')) as unknown as { default: PgModule };
    return module.default;
  } catch (error) {
    throw new StoreError(
      'createPostgresStore',
      'The PostgreSQL store needs the pg package, which is not installed: add pg to your dependencies (npm, pnpm or yarn).',
      { cause: error },
    );
  }
}

/** The pool the store owns when given a connection string. */
export async function createOwnPool(connection: {
  connectionString: string;
  max?: number;
  connectionTimeoutMs?: number;
}): Promise<PgPoolLike> {
  const pg = await loadPg();
  const pool = new pg.Pool({
    connectionString: connection.connectionString,
    max: connection.max ?? 4,
    connectionTimeoutMillis: connection.connectionTimeoutMs ?? 10_000,
    application_name: 'scheduler',
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}
