/**
 * `auditSlots` over a month of a per-minute job (43,200 slots, each with its run) on SQLite and
 * PostgreSQL (`pnpm exec tsx bench/slot-audit.ts`, or BENCH_ONLY=slot-audit pnpm bench), beside
 * the floor: the bare query reading the same month of runs from the same table. Target < 1 s.
 *
 * PostgreSQL as in bench/store.ts (BENCH_DATABASE_URL, else 127.0.0.1:5432, else embedded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createBenchDatabase } from '../../../tools/bench-postgres/bench-database.js';
import { createScheduler, defineJob } from '../src/index.js';
import { createPostgresStore } from '../src/postgres.js';
import { createSqliteStore } from '../src/sqlite.js';
import type { Store } from '../src/store/types.js';
import { createFakeClock, DAY, MINUTE } from '../src/testing.js';
import { fmt } from './store-stats.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const SLOTS = 30 * 24 * 60;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const job = defineJob({ name: 'every-minute', schedule: '* * * * *', run: () => 'ok' });

/** Registers the job in the store at T0 - 1 min (its deploy entry in the audit log), then stops. */
async function deploy(makeStore: (clock: ReturnType<typeof createFakeClock>) => Store) {
  const clock = createFakeClock(T0 - MINUTE);
  const store = makeStore(clock);
  const scheduler = createScheduler({ jobs: [job], store, clock, instanceId: 'bench' });
  await scheduler.start();
  await scheduler.stop();
  await clock.advanceTo(T0 + 30 * DAY);
  return { store, audit: createScheduler({ jobs: [job], store, clock, instanceId: 'bench-audit' }) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median ms of `ROUNDS` audits and of `ROUNDS` bare reads, interleaved. */
async function measure(
  audit: () => Promise<number>,
  raw: () => Promise<number>,
): Promise<{ audit: number; raw: number }> {
  await audit(); // warm-up, and the count check
  await raw();
  const auditMs: number[] = [];
  const rawMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    await audit();
    auditMs.push(performance.now() - start);
    start = performance.now();
    await raw();
    rawMs.push(performance.now() - start);
  }
  return { audit: median(auditMs), raw: median(rawMs) };
}

function checked(onTime: number): number {
  if (onTime !== SLOTS) throw new Error(`expected ${SLOTS} on-time slots, got ${onTime}`);
  return onTime;
}

async function sqlite(file: string): Promise<{ audit: number; raw: number }> {
  const { store, audit } = await deploy((clock) => createSqliteStore({ filename: file }, { clock }));
  const db = new Database(file);
  const insert = db.prepare(`INSERT INTO scheduler_runs (id, job, scheduled_for, claim_key, run_trigger, status,
    attempts, created_at, started_at, finished_at, duration_ms, instance_id)
    VALUES (?, 'every-minute', ?, ?, 'schedule', 'succeeded', '[]', ?, ?, ?, 40, 'bench')`);
  db.exec('BEGIN');
  for (let i = 0; i < SLOTS; i++) {
    const slot = T0 + i * MINUTE;
    const iso = new Date(slot).toISOString();
    insert.run(`run-${String(i).padStart(6, '0')}`, slot, iso, slot, slot + 3, slot + 43);
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  const rawQuery = db.prepare(
    `SELECT * FROM scheduler_runs WHERE job = 'every-minute' AND scheduled_for >= ? AND scheduled_for < ? ORDER BY scheduled_for DESC, id DESC`,
  );
  try {
    return await measure(
      async () =>
        checked(
          (await audit.auditSlots({ from: new Date(T0), to: new Date(T0 + 30 * DAY) })).jobs[0]?.counts['on-time'] ?? 0,
        ),
      async () => rawQuery.all(T0, T0 + 30 * DAY).length,
    );
  } finally {
    db.close();
    await store.close();
  }
}

async function postgres(url: string): Promise<{ audit: number; raw: number }> {
  const schema = 'slot_audit_bench';
  const { store, audit } = await deploy((clock) =>
    createPostgresStore({ connectionString: url, max: 2 }, { schema, clock }),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query({
      text: `INSERT INTO ${schema}.runs (id, job, scheduled_for, claim_key, run_trigger, status, attempts, created_at,
        started_at, finished_at, duration_ms, instance_id)
      SELECT 'run-' || i, 'every-minute', s, to_char(s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'schedule',
        'succeeded', '[]', s, s + interval '3 ms', s + interval '43 ms', 40, 'bench'
      FROM generate_series(0, $1::int - 1) AS i, LATERAL (SELECT $2::timestamptz + i * interval '1 minute' AS s) t`,
      values: [SLOTS, new Date(T0)],
    });
    await client.query(`ANALYZE ${schema}.runs`);
    const raw = {
      name: 'slot-audit-raw',
      text: `SELECT * FROM ${schema}.runs WHERE job = 'every-minute' AND scheduled_for >= $1 AND scheduled_for < $2 ORDER BY scheduled_for DESC, id DESC`,
      values: [new Date(T0), new Date(T0 + 30 * DAY)],
    };
    return await measure(
      async () =>
        checked(
          (await audit.auditSlots({ from: new Date(T0), to: new Date(T0 + 30 * DAY) })).jobs[0]?.counts['on-time'] ?? 0,
        ),
      async () => (await client.query(raw)).rowCount ?? 0,
    );
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await client.end();
    await store.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-bench-slots-'));
  const database = await createBenchDatabase();
  console.log(`\n## auditSlots: a month of a per-minute job, ${fmt(SLOTS)} slots (median of ${ROUNDS}, ms)`);
  try {
    for (const [name, run] of [
      ['sqlite  ', () => sqlite(path.join(dir, 'slots.sqlite'))],
      ['postgres', () => postgres(database.url)],
    ] as const) {
      const figures = await run();
      console.log(
        `${name} auditSlots ${fmt(figures.audit, 1)}   bare read of the month's runs ${fmt(figures.raw, 1)}   ratio ${fmt(figures.audit / figures.raw, 2)}   (target < 1000 ms: ${figures.audit < 1000 ? 'OK' : 'BELOW TARGET'})`,
      );
    }
  } finally {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
