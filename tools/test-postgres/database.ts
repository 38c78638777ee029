/**
 * Per-test-file PostgreSQL databases: each test file creates its own database
 * on the server from the global setup and drops it at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import './context.js';

/** A database created for one test file. */
export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** Its name. */
  name: string;
  /** Drops it (terminating leftover connections). */
  drop(): Promise<void>;
}

/** The admin URL provided by the global setup. */
export function pgAdminUrl(): string {
  return inject('pgAdminUrl');
}

/** Creates a fresh, uniquely named database; call `drop()` in `afterAll`. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const adminUrl = pgAdminUrl();
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
