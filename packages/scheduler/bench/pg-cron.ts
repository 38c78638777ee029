/**
 * Recording pg_cron's executions in history: 100,000 rows of `cron.job_run_details` ingested into
 * the PostgreSQL store's run history (read, mapped, inserted in batches, each execution once),
 * beside the floor: a raw `INSERT … SELECT` of the same rows into a table shaped like the runs
 * table (same columns and indexes) on the same server, in one statement. Rounds alternate.
 * Needs the machine's pg_cron (Debian's postgresql-15-cron); prints one line and exits without it.
 */
import pg from 'pg';
import { pgCronUnavailable, startPgCronCluster } from '../../../tools/test-postgres/pg-cron-cluster.js';
import { createScheduler } from '../src/index.js';
import { definePgCronJob, pgCronJobs } from '../src/pg-cron.js';
import { createPostgresStore } from '../src/postgres.js';

const ROWS = Number(process.env.BENCH_PG_CRON_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const skip = pgCronUnavailable();
if (skip) {
  console.log(skip);
  process.exit(0);
}

await using cluster = await startPgCronCluster();
const admin = new pg.Pool({ connectionString: cluster.url, max: 2 });
admin.on('error', () => {});
const store = createPostgresStore({ connectionString: cluster.url }, { schema: 'bench_store' });
const source = pgCronJobs({
  connection: { connectionString: cluster.url },
  jobs: [definePgCronJob({ name: 'analyze', schedule: '* * 1 1 *', sql: 'ANALYZE' })],
  prefix: 'bench:',
  pollIntervalMs: 3_600_000,
});
const scheduler = createScheduler({ jobs: [], externalJobs: [source], store, keepAlive: false });
await scheduler.start();

await admin.query(`
INSERT INTO cron.job_run_details (jobid, job_pid, database, username, command, status, return_message, start_time, end_time)
SELECT j.jobid, 4242, j.database, j.username, j.command,
  CASE WHEN i % 50 = 0 THEN 'failed' ELSE 'succeeded' END,
  CASE WHEN i % 50 = 0 THEN 'ERROR:  canceling statement due to statement timeout' ELSE 'ANALYZE' END,
  timestamptz '2020-01-01' + i * interval '1 minute', timestamptz '2020-01-01' + i * interval '1 minute' + interval '40 ms'
FROM cron.job j, generate_series(1, ${ROWS}) AS i WHERE j.jobname = 'bench:analyze'`);
await admin.query('CREATE TABLE raw_runs (LIKE bench_store.runs INCLUDING ALL)');

/** The floor: the same rows into a runs-shaped table, one server-side statement. */
async function raw(): Promise<number> {
  await admin.query('TRUNCATE raw_runs');
  const started = performance.now();
  await admin.query(`
INSERT INTO raw_runs (id, job, scheduled_for, claim_key, run_trigger, status, attempts, result, error,
  created_at, started_at, finished_at, duration_ms, instance_id)
SELECT gen_random_uuid()::text, 'analyze', date_trunc('second', d.start_time), 'pgcron:' || d.jobid || ':' || d.runid,
  'schedule', d.status,
  jsonb_build_array(jsonb_build_object('attempt', 1, 'startedAt', d.start_time, 'finishedAt', d.end_time, 'status', d.status)),
  CASE WHEN d.status = 'succeeded' THEN to_jsonb(d.return_message) END,
  CASE WHEN d.status = 'failed' THEN jsonb_build_object('name', 'PgCronError', 'message', d.return_message) END,
  now(), d.start_time, d.end_time, (extract(epoch FROM d.end_time - d.start_time) * 1000)::bigint, 'pg_cron'
FROM cron.job_run_details d`);
  return performance.now() - started;
}

async function ingest(): Promise<number> {
  await admin.query(`TRUNCATE bench_store.runs; DELETE FROM bench_store.state WHERE key LIKE 'pg-cron:%'`);
  const started = performance.now();
  const recorded = await source.ingest();
  const elapsed = performance.now() - started;
  if (recorded !== ROWS) throw new Error(`ingest recorded ${recorded} runs, expected ${ROWS}`);
  return elapsed;
}

const rawMs: number[] = [];
const ingestMs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  rawMs.push(await raw());
  ingestMs.push(await ingest());
}
const best = (list: number[]) => Math.min(...list);
const again = await source.ingest();
console.log(
  `${ROWS.toLocaleString('en')} rows of cron.job_run_details, ${ROUNDS} rounds (best of each), PostgreSQL 15 + pg_cron, one server`,
);
console.log('| path | ms | rows/s | speed vs raw INSERT … SELECT |');
console.log('|---|---|---|---|');
for (const [name, ms] of [
  ['raw INSERT … SELECT (floor)', best(rawMs)],
  ['ingest into run history (PgCronJobs.ingest)', best(ingestMs)],
] as const) {
  console.log(
    `| ${name} | ${ms.toFixed(0)} | ${Math.round((ROWS / ms) * 1000).toLocaleString('en')} | ${(best(rawMs) / ms).toFixed(2)}× |`,
  );
}
console.log(`second ingest of the same rows recorded ${again} runs (each execution once)`);
await scheduler.stop();
await source.stop();
await store.close();
await admin.end();
