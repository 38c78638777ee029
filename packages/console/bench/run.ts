/**
 * The runs page's API on 1,000,000 stored runs, SQLite and PostgreSQL: `GET /api/runs` through
 * the console's whole handler (routing, token check, validation, the store's keyset query,
 * JSON), beside the bare SQL query of the same page on the same table. Three pages: the newest
 * runs, one job's failed runs, and a page 200 deep (its cursor). The target: p99 < 20 ms.
 *
 * `pnpm --filter @pokemon/console bench` (part of `pnpm bench`). BENCH_RUNS changes the count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScheduler, defineJob, type Store } from '@pokemon/scheduler';
import { createPostgresStore } from '@pokemon/scheduler/postgres';
import { createSqliteStore } from '@pokemon/scheduler/sqlite';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createBenchDatabase } from '../../../tools/bench-postgres/bench-database.js';
import { seedPostgresRuns, seedSqliteRuns } from '../../../tools/seed-runs/seed-runs.js';
import { createConsole, generateTokenSecret, hashToken } from '../src/index.js';

const ROWS = Number(process.env.BENCH_RUNS ?? 1_000_000);
const QUERIES = 1000;
const TARGET_P99_MS = 20;
const JOBS = [
  'sync-missing-sets',
  'sync-missing-cards',
  'validate-data-integrity',
  'backup-database',
  'rotate-backups',
  'replicate-to-primary',
  'database-health-check',
  'cleanup-stale-data',
];
const END_MS = Date.parse('2026-12-01T00:00:00Z');

interface Page {
  name: string;
  query: string;
  raw: () => unknown;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

async function times(count: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

/** A console over `store` and a function fetching one API path as a viewer. */
function consoleOver(store: Store) {
  const scheduler = createScheduler({
    jobs: JOBS.map((name) => defineJob({ name, schedule: '0 0 * * *', run: () => undefined })),
    store,
  });
  const secret = generateTokenSecret();
  const console = createConsole({
    scheduler,
    store,
    tokens: [{ name: 'bench', role: 'viewer', hash: hashToken(secret) }],
  });
  const get = async (path: string) => {
    const res = await console.fetch(
      new Request(`http://bench${path}`, { headers: { authorization: `Bearer ${secret}` } }),
    );
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as { runs: unknown[]; nextCursor?: string };
  };
  return { get, close: () => console.close() };
}

/** The cursor of page `depth` of the unfiltered history. */
async function deepCursor(get: (path: string) => Promise<{ nextCursor?: string }>, depth: number): Promise<string> {
  let cursor = '';
  for (let i = 0; i < depth; i++)
    cursor = (await get(`/api/runs?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).nextCursor ?? '';
  return cursor;
}

async function measure(backend: string, get: (path: string) => Promise<unknown>, pages: Page[]): Promise<boolean> {
  let ok = true;
  for (const page of pages) {
    await times(100, () => get(page.query));
    await times(100, page.raw);
    const api: number[] = [];
    const raw: number[] = [];
    // interleaved blocks, so a disturbance of the machine lands on both alike
    for (let block = 0; block < 10; block++) {
      api.push(...(await times(QUERIES / 10, () => get(page.query))));
      raw.push(...(await times(QUERIES / 10, page.raw)));
    }
    api.sort((a, b) => a - b);
    raw.sort((a, b) => a - b);
    const p99 = percentile(api, 99);
    const rawP99 = percentile(raw, 99);
    ok &&= p99 < TARGET_P99_MS;
    console.log(
      `${backend.padEnd(10)} ${page.name.padEnd(22)} API p50 ${percentile(api, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target < ${TARGET_P99_MS}) | raw query p50 ${percentile(raw, 50).toFixed(2)} ms, p99 ${rawP99.toFixed(2)} ms | API/raw p99 ${(p99 / rawP99).toFixed(1)}x`,
    );
  }
  return ok;
}

async function sqlite(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'console-bench-'));
  try {
    const file = join(dir, 'scheduler.sqlite3');
    const init = createSqliteStore({ filename: file });
    await init.init();
    await init.close();
    const loadStart = performance.now();
    seedSqliteRuns(file, { rows: ROWS, jobs: JOBS, endMs: END_MS });
    console.log(
      `sqlite     ${ROWS.toLocaleString('en-US')} runs loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );
    const store = createSqliteStore({ filename: file });
    await store.init();
    const { get, close } = consoleOver(store);
    const db = new Database(file, { readonly: true });
    const newest = db.prepare('SELECT * FROM scheduler_runs ORDER BY scheduled_for DESC, id DESC LIMIT 51');
    const failed = db.prepare(
      'SELECT * FROM scheduler_runs WHERE job = ? AND status = ? ORDER BY scheduled_for DESC, id DESC LIMIT 51',
    );
    const cursor = await deepCursor(get, 200);
    const [slot, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [number, string];
    const deep = db.prepare(
      'SELECT * FROM scheduler_runs WHERE (scheduled_for, id) < (?, ?) ORDER BY scheduled_for DESC, id DESC LIMIT 51',
    );
    const ok = await measure('sqlite', get, [
      { name: 'newest 50', query: '/api/runs?limit=50', raw: () => newest.all() },
      {
        name: 'one job, failed',
        query: '/api/runs?job=backup-database&status=failed&limit=50',
        raw: () => failed.all('backup-database', 'failed'),
      },
      {
        name: 'page 200 (cursor)',
        query: `/api/runs?limit=50&cursor=${encodeURIComponent(cursor)}`,
        raw: () => deep.all(slot, id),
      },
    ]);
    db.close();
    await close();
    await store.close();
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<boolean> {
  const database = await createBenchDatabase();
  try {
    const schema = 'console_bench';
    const init = createPostgresStore({ connectionString: database.url }, { schema });
    await init.init();
    await init.close();
    const loadStart = performance.now();
    await seedPostgresRuns(database.url, schema, { rows: ROWS, jobs: JOBS, endMs: END_MS });
    console.log(
      `postgres   ${ROWS.toLocaleString('en-US')} runs loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (${database.server})`,
    );
    const store = createPostgresStore({ connectionString: database.url, max: 2 }, { schema, listen: false });
    await store.init();
    const { get, close } = consoleOver(store);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const cursor = await deepCursor(get, 200);
    const [slot, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [number, string];
    const q = (name: string, text: string, values: unknown[]) => () => pool.query({ name, text, values });
    const ok = await measure('postgres', get, [
      {
        name: 'newest 50',
        query: '/api/runs?limit=50',
        raw: q('newest', `SELECT * FROM ${schema}.runs ORDER BY scheduled_for DESC, id DESC LIMIT 51`, []),
      },
      {
        name: 'one job, failed',
        query: '/api/runs?job=backup-database&status=failed&limit=50',
        raw: q(
          'failed',
          `SELECT * FROM ${schema}.runs WHERE job = $1 AND status = $2 ORDER BY scheduled_for DESC, id DESC LIMIT 51`,
          ['backup-database', 'failed'],
        ),
      },
      {
        name: 'page 200 (cursor)',
        query: `/api/runs?limit=50&cursor=${encodeURIComponent(cursor)}`,
        raw: q(
          'deep',
          `SELECT * FROM ${schema}.runs WHERE (scheduled_for, id) < ($1::timestamptz, $2::text) ORDER BY scheduled_for DESC, id DESC LIMIT 51`,
          [new Date(slot), id],
        ),
      },
    ]);
    await pool.end();
    await close();
    await store.close();
    return ok;
  } finally {
    await database.drop();
  }
}

const results = [await sqlite(), await postgres()];
if (!results.every(Boolean)) {
  console.log(`runs page API: p99 above ${TARGET_P99_MS} ms on this machine (see above)`);
}
