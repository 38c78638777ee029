import { StoreError } from '../../core/errors.js';
import type { BetterSqlite3Constructor, BetterSqlite3Database } from './driver-types.js';
import { sqliteStoreError } from './store-error.js';

/** Loads better-sqlite3 (an optional peer dependency) on first use. */
async function loadDriver(): Promise<BetterSqlite3Constructor> {
  try {
    const module = (await import('better-sqlite3')) as unknown as { default: BetterSqlite3Constructor };
    return module.default;
  } catch (error) {
    throw new StoreError(
      'createSqliteStore',
      'The SQLite store needs the better-sqlite3 package, which is not installed: add better-sqlite3 to your dependencies (npm, pnpm or yarn).',
      { cause: error },
    );
  }
}

/** Opens `filename` with better-sqlite3; failures become a {@link StoreError} naming the file. */
export async function openSqliteFile(filename: string, readonly: boolean): Promise<BetterSqlite3Database> {
  const Database = await loadDriver();
  try {
    return new Database(filename, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw sqliteStoreError('init', { file: filename, readonly }, error);
  }
}

/**
 * WAL (readers never block the writer; safe across processes on one host),
 * a busy timeout instead of immediate SQLITE_BUSY, and NORMAL sync (durable
 * across process crashes; WAL keeps the file consistent on power loss).
 */
export function configureConnection(db: BetterSqlite3Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  if (db.readonly) return;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}
