import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { createPostgresStore } from '../../src/postgres.js';
import { everySlotOnce, killedMidRun, skewedClock } from './scenarios.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('multiprocess');
});
afterAll(async () => {
  await db.drop();
});

const store = (schema: string) => ({ kind: 'postgres' as const, url: db.url, schema });
const open = (schema: string) => async () => {
  const reader = createPostgresStore({ connectionString: db.url, max: 1 }, { schema });
  await reader.init();
  return reader;
};

describe('four scheduler processes sharing one PostgreSQL database', () => {
  it('run a job every second: every slot exactly once, none lost', async () => {
    await everySlotOnce(store('every_slot'), open('every_slot'), 4);
  }, 120_000);

  it('one SIGKILLed mid-run: its run is abandoned and another completes the slot within the lease', async () => {
    await killedMidRun(store('killed'), open('killed'), 4);
  }, 120_000);

  it('one with its clock 30 s ahead: no slot twice, none lost, none early', async () => {
    await skewedClock(store('skewed'), open('skewed'), 4);
  }, 120_000);
});
