import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { createSqliteStore } from '../../src/sqlite.js';
import { createFakeClock } from '../../src/testing/fake-clock.js';
import { describeStoreContract } from '../../src/testing/store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describeStoreContract('sqlite file (database clock)', async () => {
  const filename = join(dir, `db-${++files}.sqlite`);
  return {
    store: createSqliteStore({ filename }),
    openAnother: async () => createSqliteStore({ filename }),
  };
});

describeStoreContract('sqlite file (fake clock), custom table prefix', async () => {
  const filename = join(dir, `db-${++files}.sqlite`);
  const clock = createFakeClock(Date.parse('2026-03-01T12:00:00.000Z'));
  return {
    store: createSqliteStore({ filename }, { clock, tablePrefix: 'jobs_sched_' }),
    clock,
    openAnother: async () => createSqliteStore({ filename }, { clock, tablePrefix: 'jobs_sched_' }),
  };
});

describeStoreContract('sqlite caller-owned database', async () => {
  const database = new Database(join(dir, `db-${++files}.sqlite`));
  return {
    store: createSqliteStore({ database }),
    cleanup: async () => {
      // the store must not have closed it
      database.prepare('select 1').get();
      database.close();
    },
  };
});
