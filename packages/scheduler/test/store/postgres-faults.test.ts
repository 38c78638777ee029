import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { InvalidOptionError, StoreError } from '../../src/core/errors.js';
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
    await using store = createPostgresStore({
      connectionString: `postgres://scheduler:s3cret-pw@127.0.0.1:${port}/app`,
    });
    const error = await store.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as Error).message;
    expect(message).toBe(
      `PostgreSQL at 127.0.0.1:${port}/app is unreachable or dropped the connection (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}; during init). Check that the server is running and reachable from this host; the store reconnects on the next operation once it is.`,
    );
    expect(message).not.toContain('s3cret-pw');
    // no crash loop: nothing retries behind our back, a second init fails the same way, close works
    await expect(store.init()).rejects.toBeInstanceOf(StoreError);
    await store.close();
  });

  it('an unknown database gives a StoreError saying so', async () => {
    const url = new URL(db.url);
    url.pathname = '/no_such_database_here';
    await using store = createPostgresStore({ connectionString: url.toString() });
    await expect(store.init()).rejects.toThrow(
      `PostgreSQL at ${target(url)}: the database does not exist (3D000: database "no_such_database_here" does not exist; during init). Create it (CREATE DATABASE), or fix the database name in the connection string.`,
    );
    await store.close();
  });

  it('an unknown user gives a StoreError about the credentials, never the password', async () => {
    const url = new URL(db.url);
    url.username = 'no_such_user_here';
    url.password = 'pw-never-shown';
    await using store = createPostgresStore({ connectionString: url.toString() });
    const error = (await store.init().catch((e: unknown) => e)) as StoreError;
    await store.close();
    const cause = error.cause as { code: string; message: string };
    expect(['28000', '28P01']).toContain(cause.code);
    expect(error.message).toBe(
      `PostgreSQL at ${target(url)} rejected the credentials (${cause.code}: ${cause.message}; during init). Check the user and password of the connection string.`,
    );
    expect(error.message).not.toContain('pw-never-shown');
  });

  it('tables dropped under a running store give a StoreError saying how to recreate them', async () => {
    await using store = createPostgresStore({ connectionString: db.url }, { schema: 'dropped_later' });
    await store.init();
    await admin.query('DROP SCHEMA dropped_later CASCADE');
    const error = await store.listJobs().catch((e: unknown) => e);
    await store.close();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `PostgreSQL at ${target(new URL(db.url))}: the store's tables in schema "dropped_later" are missing or incomplete (42P01: relation "dropped_later.jobs" does not exist; during listJobs). Was the schema dropped while the store was in use? Create a new store and call init() to recreate it.`,
    );
  });

  it('use before init() and after close() say what to do', async () => {
    await using store = createPostgresStore({ connectionString: db.url });
    const where = target(new URL(db.url));
    await expect(store.listJobs()).rejects.toThrow(
      `Cannot run listJobs: the PostgreSQL store at ${where} is not initialised. Call store.init() first (the scheduler's start() does).`,
    );
    await store.close();
    await expect(store.init()).rejects.toThrow(
      `Cannot run init: the PostgreSQL store at ${where} is closed. Create a new store (a closed one cannot be reopened).`,
    );
  });

  it('the default schema is "scheduler"', async () => {
    await using store = createPostgresStore({ connectionString: db.url });
    await store.init();
    await store.close();
    const { rows } = await admin.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'scheduler' ORDER BY table_name",
    );
    expect(rows.map((row: { table_name: string }) => row.table_name)).toEqual([
      'audit',
      'jobs',
      'migrations',
      'runs',
      'state',
    ]);
  });

  it('a bad schema name is rejected before any SQL runs', () => {
    expect(() => createPostgresStore({ connectionString: db.url }, { schema: 'a"; drop schema public; --' })).toThrow(
      InvalidOptionError,
    );
  });

  it('a connection lost mid-operation rejects with a StoreError; the pool recovers and nothing is recorded twice', async () => {
    const schema = 'lost_connection';
    await using store = createPostgresStore({ connectionString: db.url, max: 2 }, { schema });
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
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'scheduler' AND wait_event_type = 'Lock'",
      );
      return rows[0].n > 0;
    });
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scheduler' AND datname = current_database()",
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
    expect(rows).toEqual([{ version: 1 }]);
    await Promise.all(stores.map((store) => store.close()));
  });
});

/** `host:port/database`, as the store names a server. */
function target(url: URL): string {
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
