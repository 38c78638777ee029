import type pg from 'pg';
import { PG_CARD_COLUMNS, PG_SET_COLUMNS, type PgColumn } from './columns.js';
import { quoteSchema } from './schema-name.js';

const NOT_NULL = new Set(['id', 'name', 'series', 'set_id', 'supertype', 'number', 'extra', 'content_hash']);

function columnDdl(columns: readonly PgColumn[]): string {
  return columns
    .map((c) => `${c.name} ${c.type}${NOT_NULL.has(c.name) ? ' NOT NULL' : ''}${c.name === 'id' ? ' PRIMARY KEY' : ''}`)
    .join(',\n  ');
}

/** Versioned migrations of the primary schema; `s` is the quoted schema name. Append only. */
const MIGRATIONS: readonly ((s: string) => string)[] = [
  (s) => `
CREATE TABLE ${s}.sets (
  ${columnDdl(PG_SET_COLUMNS)},
  replicated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sets_series ON ${s}.sets (series);
CREATE INDEX sets_release_date ON ${s}.sets (release_date);
CREATE TABLE ${s}.cards (
  ${columnDdl(PG_CARD_COLUMNS)},
  replicated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (set_id) REFERENCES ${s}.sets (id) ON UPDATE CASCADE
);
CREATE INDEX cards_set_number ON ${s}.cards (set_id, number);
CREATE INDEX cards_name ON ${s}.cards (name);
CREATE INDEX cards_supertype ON ${s}.cards (supertype);
`,
];

/** Number of primary-schema migrations this package knows. */
export const PRIMARY_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Creates the schema and applies pending migrations, under a transaction-level
 * advisory lock so concurrent runners do not race. Returns the versions applied.
 */
export async function migratePrimary(client: pg.ClientBase, schema: string): Promise<number[]> {
  const s = quoteSchema(schema);
  if ((await currentVersion(client, s)) === MIGRATIONS.length) return []; // fast path: one round trip, no DDL locks
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pokemon-primary:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${s}.schema_migrations`);
    const current = rows[0]?.v ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `Primary schema ${schema} is at version ${current}, newer than this package knows (${MIGRATIONS.length}): upgrade @pokemon/jobs-pokemon`,
      );
    }
    const applied: number[] = [];
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version) VALUES ($1)`, [version]);
      applied.push(version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The schema's migration version, or `undefined` when it has none yet. */
async function currentVersion(client: pg.ClientBase, s: string): Promise<number | undefined> {
  try {
    const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${s}.schema_migrations`);
    return rows[0]?.v ?? undefined;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000')
      return undefined;
    throw error;
  }
}
