import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { StoreError } from '../../src/errors.js';
import { createPostgresStore } from '../../src/postgres.js';
import { claimRequest, T0 } from '../../src/testing/store-contract-harness.js';
import { lastJson, runFixture } from './fixtures/spawn-node.js';

let db: TestDatabase;
let admin: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('store_faults');
  admin = new pg.Pool({ connectionString: db.url, max: 3 });
  admin.on('error', () => {});
});
afterAll(async () => {
  await admin.end();
  await db.drop();
});

/** A local TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('PostgreSQL store faults', () => {
  it('an unreachable server at init gives a StoreError naming host and port, never the password', async () => {
    const port = await closedPort();
    const store = createPostgresStore({ connectionString: `postgres://scheduler:s3cret-pw@127.0.0.1:${port}/app` });
    const error = await store.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toMatch(/unreachable/);
    expect(message).not.toContain('s3cret-pw');
    // no crash loop: nothing retries behind our back, a second init fails the same way, close works
    await expect(store.init()).rejects.toBeInstanceOf(StoreError);
    await store.close();
  });

  it('an unknown database gives a StoreError saying so', async () => {
    const url = new URL(db.url);
    url.pathname = '/no_such_database_here';
    const store = createPostgresStore({ connectionString: url.toString() });
    await expect(store.init()).rejects.toThrow(/database does not exist/);
    await store.close();
  });

  it('a bad schema name is rejected before any SQL runs', () => {
    expect(() => createPostgresStore({ connectionString: db.url }, { schema: 'a"; drop schema public; --' })).toThrow(
      StoreError,
    );
  });

  it('a connection lost mid-operation rejects with a StoreError; the pool recovers and nothing is recorded twice', async () => {
    const schema = 'lost_connection';
    const store = createPostgresStore({ connectionString: db.url, max: 2 }, { schema });
    await store.init();
    const claim = await store.claimRun(claimRequest());
    expect(claim.claimed).toBe(true);
    const runId = claim.claimed ? claim.run.id : '';
    // hold the run's row so finishRun blocks, then kill the store's backends
    const locker = await admin.connect();
    await locker.query('BEGIN');
    await locker.query(`SELECT 1 FROM "${schema}".runs WHERE id = $1 FOR UPDATE`, [runId]);
    const finish = store.finishRun(runId, {
      status: 'succeeded',
      instanceId: 'instance-a',
      finishedAt: new Date(T0 + 10),
    });
    const failed = finish.then(
      () => undefined,
      (e: unknown) => e,
    );
    await waitFor(async () => {
      const { rows } = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pokemon-scheduler' AND wait_event_type = 'Lock'",
      );
      return rows[0].n > 0;
    });
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pokemon-scheduler' AND datname = current_database()",
    );
    const error = await failed;
    await locker.query('ROLLBACK');
    locker.release();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).operation).toBe('finishRun');
    expect((error as Error).message).toMatch(/unreachable or dropped the connection/);
    // the server is back (it never left): the same store works again, and the retry is applied once
    expect((await store.getRun(runId))?.status).toBe('running');
    const retry = { status: 'succeeded' as const, instanceId: 'instance-a', finishedAt: new Date(T0 + 20) };
    expect(await store.finishRun(runId, retry)).toBe(true);
    expect(await store.finishRun(runId, retry)).toBe(false);
    expect((await store.listRuns()).runs.map((run) => run.status)).toEqual(['succeeded']);
    await store.close();
  });

  it('concurrent init from several processes and pools applies each migration once', async () => {
    const schema = 'concurrent_init';
    const stores = Array.from({ length: 3 }, () =>
      createPostgresStore({ connectionString: db.url, max: 1 }, { schema }),
    );
    const [children] = await Promise.all([
      Promise.all([
        runFixture('./init-store.ts', ['postgres', db.url, schema]),
        runFixture('./init-store.ts', ['postgres', db.url, schema]),
      ]),
      Promise.all(stores.map((store) => store.init())),
    ]);
    for (const child of children) expect(lastJson(child)).toEqual({ ok: true });
    const { rows } = await admin.query(`SELECT version FROM "${schema}".migrations ORDER BY version`);
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    await Promise.all(stores.map((store) => store.close()));
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
