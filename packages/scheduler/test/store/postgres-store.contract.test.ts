import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { createPostgresStore } from '../../src/postgres.js';
import { createFakeClock } from '../../src/testing/fake-clock.js';
import { describeStoreContract } from '../../src/testing/store-contract.js';

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('store_contract');
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => {});
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

let schemas = 0;
const dropSchema = (schema: string) => async () => {
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
};

describeStoreContract('postgres (database clock)', async () => {
  const schema = `contract_${++schemas}`;
  return {
    store: createPostgresStore({ connectionString: db.url, max: 3 }, { schema }),
    openAnother: async () => createPostgresStore({ connectionString: db.url, max: 3 }, { schema }),
    cleanup: dropSchema(schema),
  };
});

describeStoreContract('postgres (fake clock, caller-owned pool)', async () => {
  const schema = `contract_${++schemas}`;
  const clock = createFakeClock(Date.parse('2026-03-01T12:00:00.000Z'));
  return {
    store: createPostgresStore({ pool }, { schema, clock }),
    clock,
    openAnother: async () => createPostgresStore({ connectionString: db.url, max: 2 }, { schema, clock }),
    cleanup: async () => {
      await pool.query('select 1'); // the store must not have ended the caller's pool
      await dropSchema(schema)();
    },
  };
});
