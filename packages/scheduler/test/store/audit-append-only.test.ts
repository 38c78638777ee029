// The audit log's schema refuses updates, whoever tries (plain SQL included), in both SQL stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { createPostgresStore } from '../../src/postgres.js';
import { createSqliteStore } from '../../src/sqlite.js';

let db: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'audit-append-only-'));
beforeAll(async () => {
  db = await createTestDatabase('audit_append_only');
});
afterAll(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

it('SQLite: an UPDATE of an audit entry is refused; entries are kept as written', async () => {
  const filename = join(dir, 'store.sqlite');
  {
    await using store = createSqliteStore({ filename });
    await store.init();
    await store.appendAudit({ actor: 'cli:alice', action: 'job.paused', job: 'job-a', note: 'disk swap' });
  }
  const raw = new Database(filename);
  try {
    expect(() => raw.prepare(`UPDATE scheduler_audit SET note = 'rewritten'`).run()).toThrow(/append-only/);
    expect(raw.prepare('SELECT note FROM scheduler_audit').all()).toEqual([{ note: 'disk swap' }]);
  } finally {
    raw.close();
  }
});

it('PostgreSQL: an UPDATE of an audit entry is refused; entries are kept as written', async () => {
  {
    await using store = createPostgresStore({ connectionString: db.url }, { schema: 'append_only' });
    await store.init();
    await store.appendAudit({ actor: 'cli:alice', action: 'job.paused', job: 'job-a', note: 'disk swap' });
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await expect(client.query(`UPDATE append_only.audit SET note = 'rewritten'`)).rejects.toThrow(/append-only/);
    expect((await client.query('SELECT note FROM append_only.audit')).rows).toEqual([{ note: 'disk swap' }]);
  } finally {
    await client.end();
  }
});
