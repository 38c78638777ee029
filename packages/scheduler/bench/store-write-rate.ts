/**
 * (a) Runs recorded per second (claimRun + finishRun) by each store, next to
 * the raw rate of the same database and row shape: one autocommit INSERT of
 * the claimed row and one autocommit UPDATE finishing it.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresStore } from '../src/postgres.js';
import { createSqliteStore } from '../src/sqlite.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import type { Store } from '../src/store/types.js';
import { concurrently, perSecond } from './store-stats.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** One run's claim + finish through a store. */
async function recordRun(store: Store, i: number, worker = 'bench'): Promise<void> {
  const slot = new Date(T0 + i * 1000);
  const id = randomUUID();
  const claim = await store.claimRun({
    id,
    job: `job-${i % 10}`,
    scheduledFor: slot,
    claimKey: slot.toISOString(),
    trigger: 'schedule',
    instanceId: worker,
    leaseMs: 60_000,
  });
  if (!claim.claimed) throw new Error('unexpected lost claim');
  await store.finishRun(id, {
    status: 'succeeded',
    instanceId: worker,
    finishedAt: new Date(slot.getTime() + 5),
    result: { ok: true },
  });
}

/** Runs/s of the memory store. */
export async function memoryWriteRate(count: number): Promise<number> {
  const store = createMemoryStore();
  await store.init();
  const start = performance.now();
  for (let i = 0; i < count; i++) await recordRun(store, i);
  return perSecond(count, performance.now() - start);
}

/** Store vs raw runs/s on one SQLite file (WAL, synchronous NORMAL, autocommit); best of two alternating rounds each. */
export async function sqliteWriteRate(file: string, count: number): Promise<{ store: number; raw: number }> {
  const rawStore = createSqliteStore({ filename: file }, { tablePrefix: 'raw_' });
  await rawStore.init(); // the same table shape under another prefix
  await rawStore.close();
  const best = { store: 0, raw: 0 };
  for (let round = 0; round < 2; round++) {
    best.raw = Math.max(best.raw, sqliteRawRound(file, count, round));
    best.store = Math.max(best.store, await sqliteStoreRound(file, count, round));
  }
  return best;
}

async function sqliteStoreRound(file: string, count: number, round: number): Promise<number> {
  const store = createSqliteStore({ filename: file });
  await store.init();
  const start = performance.now();
  for (let i = 0; i < count; i++) await recordRun(store, round * count + i);
  const rate = perSecond(count, performance.now() - start);
  await store.close();
  return rate;
}

function sqliteRawRound(file: string, count: number, round: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare(`INSERT INTO raw_runs (id, job, scheduled_for, claim_key, run_trigger, status, created_at,
    instance_id, lease_expires_at, heartbeat_at) VALUES (?, ?, ?, ?, 'schedule', 'running', ?, 'bench', ?, ?)`);
  const update = db.prepare(
    `UPDATE raw_runs SET status = 'succeeded', finished_at = ?, duration_ms = 5, result = '{"ok":true}' WHERE id = ? AND status = 'running'`,
  );
  const start = performance.now();
  for (let i = round * count; i < (round + 1) * count; i++) {
    const id = randomUUID();
    const slot = T0 + i * 1000;
    const now = Date.now();
    insert.run(id, `job-${i % 10}`, slot, new Date(slot).toISOString(), now, now + 60_000, now);
    update.run(slot + 5, id);
  }
  const rate = perSecond(count, performance.now() - start);
  db.close();
  return rate;
}

/** Store vs raw runs/s on PostgreSQL with 4 connections (4 concurrent workers each); best of two alternating rounds each. */
export async function postgresWriteRate(url: string, count: number): Promise<{ store: number; raw: number }> {
  const connections = 4;
  const rawStore = createPostgresStore({ connectionString: url }, { schema: 'bench_write_raw' });
  await rawStore.init(); // the same table shape in another schema
  await rawStore.close();
  const store = createPostgresStore({ connectionString: url, max: connections }, { schema: 'bench_write' });
  await store.init();
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const insert = `INSERT INTO bench_write_raw.runs (id, job, scheduled_for, claim_key, run_trigger, status, created_at,
    instance_id, lease_expires_at, heartbeat_at) VALUES ($1, $2, $3, $4, 'schedule', 'running', now(), 'bench', now() + interval '1 minute', now())`;
  const update = `UPDATE bench_write_raw.runs SET status = 'succeeded', finished_at = $1, duration_ms = 5, result = '{"ok":true}'
    WHERE id = $2 AND status = 'running'`;
  const best = { store: 0, raw: 0 };
  for (let round = 0; round < 2; round++) {
    const base = round * count;
    const rawMs = await concurrently(connections, count, async (i) => {
      const id = randomUUID();
      const slot = new Date(T0 + (base + i) * 1000);
      await pool.query({ name: 'raw_insert', text: insert, values: [id, `job-${i % 10}`, slot, slot.toISOString()] });
      await pool.query({ name: 'raw_update', text: update, values: [new Date(slot.getTime() + 5), id] });
    });
    const storeMs = await concurrently(connections, count, (i) =>
      recordRun(store, base + i, `worker-${i % connections}`),
    );
    best.raw = Math.max(best.raw, perSecond(count, rawMs));
    best.store = Math.max(best.store, perSecond(count, storeMs));
  }
  await store.close();
  await pool.end();
  return best;
}
