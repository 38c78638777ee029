import { StoreError } from '../../core/errors.js';
import type { BetterSqlite3Database } from './driver-types.js';
import type { SqliteTables } from './tables.js';

/** Version 1, the initial schema: jobs, runs (with the partial unique claim index), state, the append-only audit log. */
const initialSchema = (t: SqliteTables): string => `
CREATE TABLE ${t.jobs} (
  name TEXT PRIMARY KEY,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  description TEXT,
  depends_on TEXT NOT NULL DEFAULT '[]',
  schedule_override TEXT,
  paused INTEGER NOT NULL DEFAULT 0,
  pause_note TEXT,
  circuit TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE ${t.runs} (
  id TEXT PRIMARY KEY,
  job TEXT NOT NULL,
  scheduled_for INTEGER NOT NULL,
  claim_key TEXT NOT NULL,
  run_trigger TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  attempts TEXT NOT NULL DEFAULT '[]',
  result TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  duration_ms INTEGER,
  instance_id TEXT,
  lease_expires_at INTEGER,
  heartbeat_at INTEGER,
  progress TEXT
);
CREATE UNIQUE INDEX ${t.prefix}runs_claim ON ${t.runs} (job, claim_key) WHERE status <> 'abandoned';
CREATE INDEX ${t.prefix}runs_job_status_slot ON ${t.runs} (job, status, scheduled_for DESC, id DESC);
CREATE INDEX ${t.prefix}runs_job_slot ON ${t.runs} (job, scheduled_for DESC, id DESC);
CREATE INDEX ${t.prefix}runs_slot ON ${t.runs} (scheduled_for DESC, id DESC);
CREATE INDEX ${t.prefix}runs_running_lease ON ${t.runs} (lease_expires_at) WHERE status = 'running';
CREATE TABLE ${t.state} (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE ${t.audit} (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  job TEXT,
  state_before TEXT,
  state_after TEXT,
  note TEXT,
  instance_id TEXT
);
CREATE INDEX ${t.prefix}audit_at ON ${t.audit} (at DESC, id DESC);
CREATE INDEX ${t.prefix}audit_job_at ON ${t.audit} (job, at DESC, id DESC);
CREATE TRIGGER ${t.prefix}audit_append_only BEFORE UPDATE ON ${t.audit}
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries are never updated'); END;
`;

/** One schema version of the SQLite store. Versions only ever get appended. */
interface SqliteMigration {
  version: number;
  name: string;
  sql: (t: SqliteTables) => string;
}

const MIGRATIONS: readonly SqliteMigration[] = [{ version: 1, name: 'initial', sql: initialSchema }];

/** The schema version this code expects. */
const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/** The table recording applied schema versions. */
const createMigrationsTable = (t: SqliteTables): string => `
CREATE TABLE IF NOT EXISTS ${t.migrations} (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/**
 * A write that leaves nothing behind (inside the migration transaction), so
 * `init()` fails at once on a file the process may not write, not at the
 * first claim.
 */
const probeWrite = (t: SqliteTables): string =>
  `INSERT INTO ${t.migrations} (version, name, applied_at) VALUES (-1, 'write-probe', 0); DELETE FROM ${t.migrations} WHERE version = -1`;

/** Records one applied schema version. */
const insertMigration = (t: SqliteTables): string =>
  `INSERT INTO ${t.migrations} (version, name, applied_at) VALUES (@version, @name, @now)`;

/** Whether a table exists (a read-only store cannot create the migrations table). */
const TABLE_EXISTS = `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = @name`;

/**
 * Applies missing migrations in one `BEGIN IMMEDIATE` transaction, so two
 * processes initialising the same file at once apply each version once (the
 * second waits on the write lock, then finds nothing to do).
 */
export function migrate(db: BetterSqlite3Database, t: SqliteTables, nowMs: () => number): void {
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
export function checkSchema(db: BetterSqlite3Database, t: SqliteTables): void {
  const exists = (db.prepare(TABLE_EXISTS).get({ name: t.migrations }) as { n: number }).n > 0;
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
  return (
    (db.prepare(`SELECT max(version) AS version FROM ${t.migrations}`).get() as { version: number | null }).version ?? 0
  );
}

function refuseNewer(current: number, file: string): void {
  if (current > SQLITE_SCHEMA_VERSION) {
    throw new StoreError(
      'init',
      `SQLite file "${file}" has scheduler schema version ${current}, newer than this version of @pokemon/scheduler understands (${SQLITE_SCHEMA_VERSION}). Upgrade @pokemon/scheduler.`,
    );
  }
}
