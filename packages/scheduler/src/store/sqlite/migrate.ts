import { StoreError } from '../../errors.js';
import type { BetterSqlite3Database } from './driver-types.js';
import { createMigrationsTable } from './sql/create-migrations-table.js';
import { insertMigration } from './sql/insert-migration.js';
import { migration001Initial } from './sql/migration-001-initial.js';
import { tableExists } from './sql/migrations-table-exists.js';
import { probeWrite } from './sql/probe-write.js';
import { selectSchemaVersion } from './sql/select-schema-version.js';
import type { SqliteTables } from './tables.js';

/** One schema version of the SQLite store. Versions only ever get appended. */
interface SqliteMigration {
  version: number;
  name: string;
  sql: (t: SqliteTables) => string;
}

const MIGRATIONS: readonly SqliteMigration[] = [{ version: 1, name: 'initial', sql: migration001Initial }];

/** The schema version this code expects. */
const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies missing migrations in one `BEGIN IMMEDIATE` transaction, so two
 * processes initialising the same file at once apply each version once (the
 * second waits on the write lock, then finds nothing to do).
 */
export function migrateSqlite(db: BetterSqlite3Database, t: SqliteTables, nowMs: () => number): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(createMigrationsTable(t));
    db.exec(probeWrite(t));
    const current = schemaVersion(db, t);
    refuseNewer(current, db.name);
    const record = db.prepare(insertMigration(t));
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql(t));
      record.run({ version: migration.version, name: migration.name, now: nowMs() });
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** For read-only stores: checks the schema is there and current, without writing. */
export function checkSqliteSchema(db: BetterSqlite3Database, t: SqliteTables): void {
  const exists = (db.prepare(tableExists()).get({ name: t.migrations }) as { n: number }).n > 0;
  const current = exists ? schemaVersion(db, t) : 0;
  refuseNewer(current, db.name);
  if (current < SQLITE_SCHEMA_VERSION) {
    throw new StoreError(
      'init',
      `SQLite file "${db.name}" is opened read-only but its scheduler tables (prefix "${t.prefix}") are at version ${current} of ${SQLITE_SCHEMA_VERSION}. Run init() once with a writable store to create or migrate them.`,
    );
  }
}

function schemaVersion(db: BetterSqlite3Database, t: SqliteTables): number {
  return (db.prepare(selectSchemaVersion(t)).get() as { version: number | null }).version ?? 0;
}

function refuseNewer(current: number, file: string): void {
  if (current > SQLITE_SCHEMA_VERSION) {
    throw new StoreError(
      'init',
      `SQLite file "${file}" has scheduler schema version ${current}, newer than this version of @pokemon/scheduler understands (${SQLITE_SCHEMA_VERSION}). Upgrade @pokemon/scheduler.`,
    );
  }
}
