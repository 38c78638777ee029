/**
 * Fills a scheduler store's runs table with many finished runs in one statement (tests and
 * benchmarks of history pages): `rows` runs over `jobs`, one slot a minute per job, ending
 * just before `endMs`; every 20th slot failed (two attempts, each with an error naming its
 * slot), every 50th timed out, the rest succeeded. Written as SQL into the store's own tables
 * (created by the store's `init()` first), because a million claims through the API take minutes.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

/** What to seed. */
export interface SeedOptions {
  rows: number;
  jobs: readonly string[];
  /** Slots end one minute before this instant. */
  endMs: number;
}

const MINUTE = 60_000;

function statusOf(slotIndex: number): 'failed' | 'timed_out' | 'succeeded' {
  if (slotIndex % 20 === 3) return 'failed';
  if (slotIndex % 50 === 7) return 'timed_out';
  return 'succeeded';
}

/** The error of a failed run in slot `slotIndex` (also each of its attempts'). */
export function seededError(slotIndex: number): { name: string; message: string } {
  return { name: 'Error', message: `card source answered 503 Service Unavailable (slot ${slotIndex})` };
}

/** Seeds a SQLite store's file (its tables named `scheduler_*`, the default prefix). */
export function seedSqliteRuns(file: string, options: SeedOptions): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insert =
    db.prepare(`INSERT INTO scheduler_runs (id, job, scheduled_for, claim_key, run_trigger, status, attempts,
    error, created_at, started_at, finished_at, duration_ms, instance_id)
    VALUES (?, ?, ?, ?, 'schedule', ?, ?, ?, ?, ?, ?, ?, 'seed')`);
  const perJob = Math.ceil(options.rows / options.jobs.length);
  const t0 = options.endMs - (perJob + 1) * MINUTE;
  db.transaction(() => {
    for (let i = 0; i < options.rows; i++) {
      const slotIndex = Math.floor(i / options.jobs.length);
      const slot = t0 + slotIndex * MINUTE;
      const status = statusOf(slotIndex);
      const error = status === 'succeeded' ? null : seededError(slotIndex);
      const attempts = error
        ? [1, 2].map((attempt) => ({
            attempt,
            startedAt: new Date(slot + (attempt - 1) * 60).toISOString(),
            finishedAt: new Date(slot + attempt * 60).toISOString(),
            status: status === 'timed_out' ? 'timed_out' : 'failed',
            error,
          }))
        : [];
      const id = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
      const job = options.jobs[i % options.jobs.length] ?? 'job';
      insert.run(
        id,
        job,
        slot,
        new Date(slot).toISOString(),
        status,
        JSON.stringify(attempts),
        error && JSON.stringify(error),
        slot,
        slot,
        slot + 120,
        120,
      );
    }
  })();
  db.exec('ANALYZE');
  db.close();
}

/** Seeds a PostgreSQL store's `schema` with one INSERT … SELECT generate_series. */
export async function seedPostgresRuns(url: string, schema: string, options: SeedOptions): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const perJob = Math.ceil(options.rows / options.jobs.length);
    const t0 = new Date(options.endMs - (perJob + 1) * MINUTE);
    await pool.query(
      `INSERT INTO "${schema}".runs (id, job, scheduled_for, claim_key, run_trigger, status, attempts, error, created_at,
         started_at, finished_at, duration_ms, instance_id)
       SELECT lpad(to_hex(i), 8, '0') || '-0000-4000-8000-000000000000',
         ($3::text[])[1 + i % cardinality($3::text[])],
         s.slot, to_char(s.slot AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'schedule', s.status,
         CASE WHEN s.status = 'succeeded' THEN '[]'::jsonb ELSE jsonb_build_array(
           jsonb_build_object('attempt', 1, 'startedAt', s.slot, 'finishedAt', s.slot + interval '60 ms',
             'status', CASE WHEN s.status = 'timed_out' THEN 'timed_out' ELSE 'failed' END, 'error', s.error),
           jsonb_build_object('attempt', 2, 'startedAt', s.slot + interval '60 ms', 'finishedAt', s.slot + interval '120 ms',
             'status', CASE WHEN s.status = 'timed_out' THEN 'timed_out' ELSE 'failed' END, 'error', s.error)) END,
         s.error, s.slot, s.slot, s.slot + interval '120 milliseconds', 120, 'seed'
       FROM generate_series(0, $1 - 1) AS i,
         LATERAL (SELECT i / cardinality($3::text[]) AS slot_index) k,
         LATERAL (SELECT $2::timestamptz + k.slot_index * interval '1 minute' AS slot,
           CASE WHEN k.slot_index % 20 = 3 THEN 'failed' WHEN k.slot_index % 50 = 7 THEN 'timed_out' ELSE 'succeeded' END AS status) s0,
         LATERAL (SELECT s0.slot, s0.status, CASE WHEN s0.status = 'succeeded' THEN NULL ELSE jsonb_build_object('name', 'Error',
           'message', 'card source answered 503 Service Unavailable (slot ' || k.slot_index || ')') END AS error) s`,
      [options.rows, t0, [...options.jobs]],
    );
    await pool.query(`ANALYZE "${schema}".runs`);
    await pool.query(`VACUUM "${schema}".runs`);
  } finally {
    await pool.end();
  }
}
