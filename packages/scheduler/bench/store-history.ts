/**
 * (b) "The latest 50 failed runs of one job" on 1,000,000 stored runs
 * (50 jobs x 20,000 slots a minute apart; 5 % failed, 2 % timed out), through
 * the store's listRuns and as the bare keyset query on the same table.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresStore } from '../src/postgres.js';
import { createSqliteStore } from '../src/sqlite.js';
import type { Store } from '../src/store/types.js';
import { latencies, percentile } from './store-stats.js';

const JOBS = 50;
const T0 = Date.parse('2024-01-01T00:00:00Z');
const QUERIES = 2000;
const TARGET_JOB = 'job-07';

/** Latency figures of one query, ms. */
export interface HistoryFigures {
  rows: number;
  loadMs: number;
  store: { p50: number; p99: number };
  raw: { p50: number; p99: number };
}

function statusOf(i: number): string {
  const slotIndex = Math.floor(i / JOBS);
  if (slotIndex % 20 === 3) return 'failed';
  if (slotIndex % 50 === 7) return 'timed_out';
  return 'succeeded';
}

async function measure(store: Store, raw: () => unknown): Promise<Pick<HistoryFigures, 'store' | 'raw'>> {
  const query = () => store.listRuns({ job: TARGET_JOB, status: 'failed', limit: 50 });
  const first = await query();
  if (first.runs.length !== 50 || !first.runs.every((run) => run.status === 'failed' && run.job === TARGET_JOB)) {
    throw new Error('history query returned the wrong rows');
  }
  await latencies(200, query); // warm-up
  await latencies(200, raw);
  // interleaved blocks, so a disturbance of the machine lands on both alike
  const storeTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let block = 0; block < 10; block++) {
    storeTimes.push(...(await latencies(QUERIES / 10, query)));
    rawTimes.push(...(await latencies(QUERIES / 10, raw)));
  }
  storeTimes.sort((a, b) => a - b);
  rawTimes.sort((a, b) => a - b);
  return {
    store: { p50: percentile(storeTimes, 50), p99: percentile(storeTimes, 99) },
    raw: { p50: percentile(rawTimes, 50), p99: percentile(rawTimes, 99) },
  };
}

/** Loads `rows` runs into a SQLite file in one transaction, then measures. */
export async function sqliteHistory(file: string, rows: number): Promise<HistoryFigures> {
  const init = createSqliteStore({ filename: file });
  await init.init();
  await init.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insert =
    db.prepare(`INSERT INTO scheduler_runs (id, job, scheduled_for, claim_key, run_trigger, status, attempts,
    created_at, started_at, finished_at, duration_ms, instance_id) VALUES (?, ?, ?, ?, 'schedule', ?, '[]', ?, ?, ?, ?, 'bench')`);
  const loadStart = performance.now();
  db.exec('BEGIN');
  for (let i = 0; i < rows; i++) {
    const slot = T0 + Math.floor(i / JOBS) * 60_000;
    const id = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const job = `job-${String(i % JOBS).padStart(2, '0')}`;
    insert.run(id, job, slot, new Date(slot).toISOString(), statusOf(i), slot, slot, slot + 120, 120);
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  const loadMs = performance.now() - loadStart;
  const store = createSqliteStore({ filename: file });
  await store.init();
  const raw = db.prepare(
    'SELECT * FROM scheduler_runs WHERE job = ? AND status = ? ORDER BY scheduled_for DESC, id DESC LIMIT 51',
  );
  const figures = await measure(store, () => raw.all(TARGET_JOB, 'failed'));
  await store.close();
  db.close();
  return { rows, loadMs, ...figures };
}

/** Loads `rows` runs into PostgreSQL with one INSERT … SELECT generate_series, then measures. */
export async function postgresHistory(url: string, rows: number): Promise<HistoryFigures> {
  const schema = 'bench_history';
  const init = createPostgresStore({ connectionString: url }, { schema });
  await init.init();
  await init.close();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const loadStart = performance.now();
  await pool.query(
    `INSERT INTO ${schema}.runs (id, job, scheduled_for, claim_key, run_trigger, status, attempts, created_at, started_at,
       finished_at, duration_ms, instance_id)
     SELECT lpad(to_hex(i), 8, '0') || '-0000-4000-8000-000000000000',
       'job-' || lpad((i % ${JOBS})::text, 2, '0'),
       s.slot, to_char(s.slot AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'schedule',
       CASE WHEN (i / ${JOBS}) % 20 = 3 THEN 'failed' WHEN (i / ${JOBS}) % 50 = 7 THEN 'timed_out' ELSE 'succeeded' END,
       '[]', s.slot, s.slot, s.slot + interval '120 milliseconds', 120, 'bench'
     FROM generate_series(0, $1 - 1) AS i,
       LATERAL (SELECT $2::timestamptz + (i / ${JOBS}) * interval '1 minute' AS slot) s`,
    [rows, new Date(T0)],
  );
  await pool.query(`ANALYZE ${schema}.runs`);
  const loadMs = performance.now() - loadStart;
  // settle the fresh table before measuring: set hint bits and the visibility map now, and write
  // the dirty pages out, so neither a first-read write nor a checkpoint lands in the measurement
  await pool.query(`VACUUM ${schema}.runs`);
  await pool.query('CHECKPOINT').catch(() => undefined); // needs superuser or pg_checkpoint: best effort
  const store = createPostgresStore({ connectionString: url, max: 1 }, { schema });
  await store.init();
  const text = `SELECT * FROM ${schema}.runs WHERE job = $1 AND status = $2 ORDER BY scheduled_for DESC, id DESC LIMIT 51`;
  const figures = await measure(store, () => pool.query({ name: 'raw_history', text, values: [TARGET_JOB, 'failed'] }));
  await store.close();
  await pool.end();
  return { rows, loadMs, ...figures };
}
