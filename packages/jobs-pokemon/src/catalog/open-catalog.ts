import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { catalogueError } from './catalog-errors.js';
import { CATALOG_MIGRATIONS } from './migrations.js';

/** A better-sqlite3 connection to the catalogue. */
export type CatalogDatabase = Database.Database;

/** Options of {@link openCatalog}. */
export interface OpenCatalogOptions {
  /** Open read-only (no migration, no directory creation). @default false */
  readonly?: boolean;
  /** How long a statement waits for a lock held by another connection, ms. @default 5000 */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating when needed) the catalogue SQLite file: WAL journal, busy
 * timeout, foreign keys on, schema migrated to the latest version.
 *
 * @throws ResourceError naming the file, `POKEMON_CRON_DB` and the cause (its
 * directory is missing, permission denied, not a database, read-only...), with
 * the driver's code and error as `code` and `cause`
 */
export function openCatalog(path: string, options: OpenCatalogOptions = {}): CatalogDatabase {
  try {
    return openAndMigrate(path, options);
  } catch (error) {
    throw catalogueError(path, error, true);
  }
}

function openAndMigrate(path: string, options: OpenCatalogOptions): CatalogDatabase {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrateCatalog(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies the pending catalogue migrations; returns the resulting schema version. */
function migrateCatalog(db: CatalogDatabase): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  if (version > CATALOG_MIGRATIONS.length) {
    throw new Error(
      `Catalogue schema version ${version} is newer than this package knows (${CATALOG_MIGRATIONS.length}): upgrade @pokemon/jobs-pokemon`,
    );
  }
  while (version < CATALOG_MIGRATIONS.length) {
    const sql = CATALOG_MIGRATIONS[version]!;
    const next = version + 1;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${next}`);
    }).immediate();
    version = next;
  }
  return version;
}
