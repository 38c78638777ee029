// Job changes between instances on PostgreSQL: LISTEN/NOTIFY carries a pause to the other
// instances within a second; when the listening connection is killed it reconnects, and
// polling stays the fallback.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { createScheduler, defineJob, type Scheduler } from '../../src/index.js';
import { createPostgresStore } from '../../src/postgres.js';
import type { StoreChange } from '../../src/store.js';

let db: TestDatabase;
let admin: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('listen');
  admin = new pg.Pool({ connectionString: db.url, max: 1 });
  admin.on('error', () => {});
});
afterAll(async () => {
  await admin.end();
  await db.drop();
});

const jobs = [defineJob({ name: 'yearly', schedule: '0 0 1 1 *', run: () => undefined })];

/** A scheduler on its own store (its own pool); disposing it closes the store too. */
function instance(schema: string, options: { pollIntervalMs: number; listen?: boolean }): Scheduler {
  const store = createPostgresStore({ connectionString: db.url, max: 3 }, { schema, listen: options.listen ?? true });
  const scheduler = createScheduler({ jobs, store, pollIntervalMs: options.pollIntervalMs });
  const dispose = scheduler[Symbol.asyncDispose].bind(scheduler);
  scheduler[Symbol.asyncDispose] = async () => {
    await dispose();
    await store.close();
  };
  return scheduler;
}

/** Re-reads `scheduler`'s view of the job until it is `state`; fails after `withinMs`. */
async function seen(scheduler: Scheduler, state: 'paused' | 'active', withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started <= withinMs) {
    if ((await scheduler.status())[0]?.state === state) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the other instance did not see the job ${state} within ${withinMs} ms`);
}

/** The backends listening for the job changes of `schema`. */
async function listeners(schema: string): Promise<number[]> {
  const { rows } = await admin.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND starts_with(query, $1)',
    [`LISTEN "scheduler_jobs:${schema}"`],
  );
  return rows.map((row: { pid: number }) => row.pid);
}

async function until(what: string, check: () => Promise<boolean>, withinMs: number): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgreSQL: job changes between instances', () => {
  it('a pause made through one instance is seen by the other within a second (no poll)', async () => {
    await using a = instance('listen_pause', { pollIntervalMs: 60_000 });
    await using b = instance('listen_pause', { pollIntervalMs: 60_000 });
    await a.start();
    await b.start();
    await a.pause('yearly', { note: 'disk swap' });
    await seen(b, 'paused', 1_000);
    await a.resume('yearly');
    await seen(b, 'active', 1_000);
  });

  it('when the listening connection is killed, the change still arrives and LISTEN reconnects', async () => {
    await using a = instance('listen_killed', { pollIntervalMs: 60_000 });
    await using b = instance('listen_killed', { pollIntervalMs: 60_000 });
    await a.start();
    await b.start();
    const before = await listeners('listen_killed');
    expect(before.length).toBeGreaterThanOrEqual(2);
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
    await a.pause('yearly'); // sent while nobody listens: the re-read after reconnecting finds it
    await seen(b, 'paused', 5_000);
    await until('both instances listen again', async () => (await listeners('listen_killed')).length >= 2, 5_000);
    await a.resume('yearly');
    await seen(b, 'active', 1_000);
  });

  it('without LISTEN (listen: false) polling every pollIntervalMs applies the change', async () => {
    await using a = instance('listen_off', { pollIntervalMs: 60_000, listen: false });
    await using b = instance('listen_off', { pollIntervalMs: 200, listen: false });
    await a.start();
    await b.start();
    expect(await listeners('listen_off')).toEqual([]);
    await a.pause('yearly');
    await seen(b, 'paused', 2_000);
  });

  it('run claims and final statuses made through one store are reported to a watcher on another', async () => {
    await using writer = createPostgresStore({ connectionString: db.url, max: 2 }, { schema: 'listen_runs' });
    await using reader = createPostgresStore({ connectionString: db.url, max: 2 }, { schema: 'listen_runs' });
    await writer.init();
    await reader.init();
    const changes: StoreChange[] = [];
    const watching = new AbortController();
    await reader.watch?.((change) => changes.push(change), watching.signal);
    const request = {
      id: 'run-1',
      job: 'yearly',
      scheduledFor: new Date('2026-01-01T00:00:00Z'),
      claimKey: '2026-01-01T00:00:00.000Z',
      trigger: 'schedule' as const,
      instanceId: 'writer',
      leaseMs: 60_000,
    };
    const claim = await writer.claimRun(request);
    expect(claim.claimed).toBe(true);
    await writer.claimRun({ ...request, id: 'run-2', claimKey: 'other', status: 'skipped', reason: 'paused' });
    expect(await writer.finishRun('run-1', { status: 'succeeded', instanceId: 'writer', finishedAt: new Date() })).toBe(
      true,
    );
    expect(await writer.finishRun('run-1', { status: 'failed', instanceId: 'writer', finishedAt: new Date() })).toBe(
      false,
    );
    await until('three run changes arrive', async () => changes.filter((c) => c.kind === 'run').length >= 3, 2_000);
    const runs = changes.filter((change) => change.kind === 'run');
    expect(runs.map((c) => [c.runId, c.status])).toEqual([
      ['run-1', 'running'],
      ['run-2', 'skipped'],
      ['run-1', 'succeeded'],
    ]);
    expect(runs[0]?.leaseExpiresAt).toEqual(claim.claimed ? claim.run.leaseExpiresAt : undefined);
    watching.abort();
  });
});
