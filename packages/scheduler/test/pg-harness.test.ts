import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tools/test-postgres/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('harness');
});
afterAll(async () => {
  await db.drop();
});

it('gives each test file its own PostgreSQL database', async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>('select current_database() as name');
  await client.end();
  expect(rows[0]?.name).toBe(db.name);
});
