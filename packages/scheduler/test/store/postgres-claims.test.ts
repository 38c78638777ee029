import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { createPostgresStore } from '../../src/postgres.js';
import type { PgPoolLike, PgQueryConfig, PgQueryResultLike } from '../../src/store/postgres/driver-types.js';
import { claimRequest, T0 } from '../../src/testing/store-contract-harness.js';

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('store_claims');
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  pool.on('error', () => {});
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

/** The caller-owned pool, recording what each statement sent back. */
function recordingPool(): { pool: PgPoolLike; replies: unknown[][] } {
  const replies: unknown[][] = [];
  const recording: PgPoolLike = {
    query: async (config: PgQueryConfig): Promise<PgQueryResultLike> => {
      const result = await pool.query(config);
      replies.push(result.rows);
      return result;
    },
    connect: () => pool.connect(),
    end: async () => {},
  };
  return { pool: recording, replies };
}

let schemas = 0;
async function openStore() {
  const schema = `claims_${++schemas}`;
  const recording = recordingPool();
  const store = createPostgresStore({ pool: recording.pool }, { schema });
  await store.init();
  recording.replies.length = 0;
  return { store, replies: recording.replies };
}

describe('PostgreSQL claims: one round trip, and a win reads back only the database times', () => {
  it('a win is one statement whose reply is the database times; the run equals the stored row', async () => {
    const { store, replies } = await openStore();
    const result = await store.claimRun(claimRequest({ leaseMs: 45_000 }));
    expect(replies).toHaveLength(1);
    const [row] = replies[0] as { claim: Record<string, unknown> }[];
    expect(Object.keys(row?.claim ?? {}).sort()).toEqual(['abandoned', 'lease', 'now']);
    expect(result.claimed).toBe(true);
    if (!result.claimed) return;
    expect(await store.getRun(result.run.id)).toEqual(result.run);
    expect(result.run.leaseExpiresAt?.getTime()).toBe(result.run.createdAt.getTime() + 45_000);
  });

  it('a skipped claim built from the request equals the stored row (reason, finishedAt, no lease)', async () => {
    const { store } = await openStore();
    const result = await store.claimRun(claimRequest({ status: 'skipped', reason: 'overlap', slotMs: T0 + 1 }));
    if (!result.claimed) throw new Error('expected a claim');
    expect(result.run.leaseExpiresAt).toBeUndefined();
    expect(result.run.heartbeatAt).toBeUndefined();
    expect(result.run.finishedAt?.getTime()).toBe(result.run.createdAt.getTime());
    expect(await store.getRun(result.run.id)).toEqual(result.run);
  });

  it("a loss is one statement returning the holder's id and status", async () => {
    const { store, replies } = await openStore();
    const first = await store.claimRun(claimRequest());
    replies.length = 0;
    const again = await store.claimRun(claimRequest({ instanceId: 'instance-b' }));
    expect(replies).toHaveLength(1);
    if (again.claimed || !first.claimed) throw new Error('expected the second claim to lose');
    expect(again.holder).toEqual({ id: first.run.id, status: 'running' });
  });

  it('a takeover of an expired lease is one statement reporting both runs as stored', async () => {
    const { store, replies } = await openStore();
    const stale = await store.claimRun(claimRequest({ leaseMs: 0 }));
    replies.length = 0;
    const takeover = await store.claimRun(claimRequest({ instanceId: 'instance-b' }));
    expect(replies).toHaveLength(1);
    if (!takeover.claimed || !stale.claimed) throw new Error('expected a takeover');
    expect(takeover.abandoned).toEqual(await store.getRun(stale.run.id));
    expect(takeover.abandoned?.status).toBe('abandoned');
    expect(await store.getRun(takeover.run.id)).toEqual(takeover.run);
  });
});
