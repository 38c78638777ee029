// The live stream: this instance's runs at once, another instance's through the store (SQLite:
// polled; PostgreSQL: LISTEN/NOTIFY), job changes, and resuming with Last-Event-ID.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScheduler, type Store } from '@pokemon/scheduler';
import { createPostgresStore } from '@pokemon/scheduler/postgres';
import { createSqliteStore } from '@pokemon/scheduler/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tools/test-postgres/database.js';
import { ORIGIN, startHarness, testJobs } from './harness.js';
import { openEvents } from './sse-client.js';

const runEvent = (runId: string, status: string) => (e: { event: string; data: Record<string, unknown> }) =>
  e.event === 'run' && e.data.runId === runId && e.data.status === status;

describe('live events of this instance', () => {
  it('a trigger is seen running, then succeeded; a pause as a job change', async () => {
    await using h = await startHarness();
    await using events = await openEvents(h.console, ORIGIN, h.secrets.viewer);
    await events.next((e) => e.event === 'hello');
    const run = await h.scheduler.trigger('sync-sets');
    await events.next(runEvent(run.id, 'running'));
    await events.next(runEvent(run.id, 'succeeded'));
    await h.scheduler.pause('sync-sets');
    await events.next((e) => e.event === 'job' && e.data.job === 'sync-sets');
  });

  it('resumes after Last-Event-ID with what was missed, and asks a stranger id to resync', async () => {
    await using h = await startHarness();
    let lastId: string | undefined;
    {
      await using events = await openEvents(h.console, ORIGIN, h.secrets.viewer);
      const first = await h.scheduler.trigger('sync-sets');
      lastId = (await events.next(runEvent(first.id, 'succeeded'))).id;
    }
    const missed = await h.scheduler.trigger('always-fails');
    await using resumed = await openEvents(h.console, ORIGIN, h.secrets.viewer, lastId);
    await resumed.next(runEvent(missed.id, 'running'));
    await resumed.next(runEvent(missed.id, 'failed'));
    expect(resumed.events.some((e) => e.event === 'resync')).toBe(false);
    await using stranger = await openEvents(h.console, ORIGIN, h.secrets.viewer, 'another-process.12');
    await stranger.next((e) => e.event === 'resync');
  });

  it('refuses the stream without a token', async () => {
    await using h = await startHarness();
    const res = await h.console.fetch(new Request(`${ORIGIN}/api/events`));
    expect(res.status).toBe(401);
  });
});

/** A second instance on the same store: its own scheduler, no console. */
async function otherInstance(store: Store) {
  const scheduler = createScheduler({ jobs: testJobs(), store, instanceId: 'instance-b' });
  return scheduler;
}

describe('live events from another instance, through SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-live-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sees a run claimed and finished by another process’s store within the poll', async () => {
    const path = join(dir, 'scheduler.sqlite3');
    await using h = await startHarness({ store: createSqliteStore({ filename: path }) });
    await using otherStore = createSqliteStore({ filename: path });
    await otherStore.init();
    await using events = await openEvents(h.console, ORIGIN, h.secrets.viewer);
    await events.next((e) => e.event === 'hello');
    const b = await otherInstance(otherStore);
    const run = await b.trigger('sync-sets');
    await events.next(runEvent(run.id, 'succeeded'), 2_000);
    await b.pause('sync-cards');
    await events.next((e) => e.event === 'job' && e.data.job === 'sync-cards', 2_000);
    await b.stop();
  });
});

describe('live events from another instance, through PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('console_live');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('sees a run of another instance running and succeeded within a second (LISTEN/NOTIFY)', async () => {
    await using h = await startHarness({ store: createPostgresStore({ connectionString: db.url, max: 3 }) });
    await using otherStore = createPostgresStore({ connectionString: db.url, max: 3 });
    await otherStore.init();
    await using events = await openEvents(h.console, ORIGIN, h.secrets.viewer);
    await events.next((e) => e.event === 'hello');
    const b = await otherInstance(otherStore);
    const run = await b.trigger('sync-sets');
    await events.next(runEvent(run.id, 'running'), 1_000);
    await events.next(runEvent(run.id, 'succeeded'), 1_000);
    await b.stop();
  });
});
