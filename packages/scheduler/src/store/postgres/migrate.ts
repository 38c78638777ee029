import { StoreError } from '../../errors.js';
import type { PgClientLike } from './driver-types.js';
import { createMigrationsTable } from './sql/create-migrations-table.js';
import { createSchema } from './sql/create-schema.js';
import { insertMigration } from './sql/insert-migration.js';
import { lockMigrations } from './sql/lock-migrations.js';
import { migration001Initial } from './sql/migration-001-initial.js';
import { migration002ClaimFunction } from './sql/migration-002-claim-function.js';
import { migration003LiveRunFunction } from './sql/migration-003-live-run-function.js';
import { migration004ClaimSlotFunction } from './sql/migration-004-claim-slot-function.js';
import { migration005JobChangeNotify } from './sql/migration-005-job-change-notify.js';
import { selectSchemaVersion } from './sql/select-schema-version.js';
import type { PgTables } from './tables.js';

/** One schema version of the PostgreSQL store. Versions only ever get appended. */
interface PgMigration {
  version: number;
  name: string;
  sql: (t: PgTables) => string;
}

const MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: 'initial', sql: migration001Initial },
  { version: 2, name: 'claim-function', sql: migration002ClaimFunction },
  { version: 3, name: 'live-run-function', sql: migration003LiveRunFunction },
  { version: 4, name: 'claim-slot-function', sql: migration004ClaimSlotFunction },
  { version: 5, name: 'job-change-notify', sql: migration005JobChangeNotify },
];

/** The schema version this code expects. */
const PG_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Creates the schema and applies missing migrations inside the caller's
 * transaction, holding a transaction-scoped advisory lock named after the
 * schema: concurrent `init()` calls (other processes included) wait for it,
 * then find nothing left to do.
 */
export async function migratePostgres(client: PgClientLike, t: PgTables): Promise<void> {
  await client.query({ text: lockMigrations(), values: [`scheduler:migrate:${t.schema}`] });
  await client.query({ text: createSchema(t) });
  await client.query({ text: createMigrationsTable(t) });
  const { rows } = await client.query({ text: selectSchemaVersion(t) });
  const current = Number((rows[0] as { version: number | null } | undefined)?.version ?? 0);
  if (current > PG_SCHEMA_VERSION) {
    throw new StoreError(
      'init',
      `PostgreSQL schema "${t.schema}" has scheduler schema version ${current}, newer than this version of @pokemon/scheduler understands (${PG_SCHEMA_VERSION}). Upgrade @pokemon/scheduler.`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    await client.query({ text: migration.sql(t) });
    await client.query({ text: insertMigration(t), values: [migration.version, migration.name] });
  }
}
