/**
 * Benchmarks of @pokemon/jobs-pokemon, each beside its floor measured in the same run.
 *
 *   pnpm --filter @pokemon/jobs-pokemon bench
 *
 * Env: POKEMON_TCG_DATA (default ../shared/pokemon-tcg-data beside the checkout; without it, the bundled
 *      snapshot written out in the same layout, as the tests do),
 *      BENCH_DATABASE_URL (admin URL; default postgres://postgres@127.0.0.1:5432/test;
 *      a throwaway database is created and dropped), BENCH_RUNS (default 5). Cases run interleaved round by round; times are medians, the ratio is the median of the per-round ratios (robust to load changing between rounds).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createBackup } from '../src/backup/create-backup.js';
import { openCatalog } from '../src/catalog/open-catalog.js';
import { CARD_COLUMNS, contentHashOf, SET_COLUMNS } from '../src/catalog/rows.js';
import { INSERT_CARD, INSERT_SET } from '../src/catalog/sql.js';
import { copyFrom } from '../src/primary/copy-from.js';
import { migratePrimary } from '../src/primary/migrations.js';
import { replicateToPrimary } from '../src/primary/replicate.js';
import { bundledSource } from '../src/sources/bundled.js';
import { directorySource } from '../src/sources/directory.js';
import { syncCards } from '../src/sync/sync-cards.js';
import { syncSets } from '../src/sync/sync-sets.js';
import { fullDataDir } from '../test/helpers/files.js';

const data = fullDataDir();
const DATA = data.dir;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'jobs-pokemon-bench-'));

interface Figure {
  name: string;
  /** Per-round times, ms. */
  ours: number[];
  floorName: string;
  /** Per-round times, ms, same rounds as `ours`. */
  floor: number[];
  target: string;
  pass: (ratio: number) => boolean;
}
const figures: Figure[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Case {
  setup: () => Promise<unknown> | unknown;
  body: () => Promise<unknown> | unknown;
}

async function time(c: Case): Promise<number> {
  await c.setup();
  const started = performance.now();
  await c.body();
  return performance.now() - started;
}

/** Runs the cases alternately (floor, ours, floor, ours...) so both see the same machine load; per-round times. */
async function measure(...cases: Case[]): Promise<number[][]> {
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [index, c] of cases.entries()) times[index]!.push(await time(c));
  }
  return times;
}

function freshFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

// ---------------------------------------------------------------- 1. catalogue sync
/**
 * The floor: read + parse every JSON file, then one prepared-statement transaction of the same
 * rows with the same values (JSON columns, content hash, sync time), without validation.
 */
function floorLoad(path: string): void {
  const db = openCatalog(path); // schema: same tables and indexes
  const sets = JSON.parse(readFileSync(join(DATA, 'sets/en.json'), 'utf8')) as Record<string, unknown>[];
  const cardsBySet = sets.map(
    (s) => JSON.parse(readFileSync(join(DATA, `cards/en/${s.id}.json`), 'utf8')) as Record<string, unknown>[],
  );
  const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
  const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
  const insertSet = db.prepare(INSERT_SET);
  const insertCard = db.prepare(INSERT_CARD);
  const syncedAt = new Date().toISOString();
  db.transaction(() => {
    for (const s of sets) {
      const values = [
        s.id,
        s.name,
        s.series,
        s.printedTotal,
        s.total,
        text(s.ptcgoCode),
        s.releaseDate,
        s.updatedAt,
        json(s.legalities),
        json(s.images),
        '{}',
      ];
      insertSet.run([...values, contentHashOf(values), syncedAt]);
    }
    sets.forEach((s, i) => {
      for (const c of cardsBySet[i]!) {
        const values = [
          c.id,
          s.id,
          c.name,
          c.supertype,
          c.number,
          json(c.subtypes),
          text(c.level),
          text(c.hp),
          json(c.types),
          text(c.evolvesFrom),
          json(c.evolvesTo),
          json(c.rules),
          json(c.ancientTrait),
          json(c.abilities),
          json(c.attacks),
          json(c.weaknesses),
          json(c.resistances),
          json(c.retreatCost),
          c.convertedRetreatCost ?? null,
          text(c.artist),
          text(c.rarity),
          text(c.flavorText),
          json(c.nationalPokedexNumbers),
          json(c.legalities),
          text(c.regulationMark),
          json(c.images),
          json(c.tcgplayer),
          json(c.cardmarket),
          '{}',
        ];
        insertCard.run([...values, contentHashOf(values), syncedAt]);
      }
    });
  })();
  db.close();
}

async function ourSync(path: string, source = directorySource(DATA)): Promise<void> {
  const db = openCatalog(path);
  await syncSets(db, source);
  await syncCards(db, source);
  db.close();
}

async function benchSync(): Promise<string> {
  const floorPath = join(work, 'floor.sqlite3');
  const oursPath = join(work, 'ours.sqlite3');
  const bundled = bundledSource();
  await bundled.listSets(); // decode once, outside the timing (it is cached per source)
  const bundledPath = join(work, 'bundled.sqlite3');
  const [floorMs, oursMs, bundledMs] = (await measure(
    { setup: () => freshFile(floorPath), body: () => floorLoad(floorPath) },
    { setup: () => freshFile(oursPath), body: () => ourSync(oursPath) },
    { setup: () => freshFile(bundledPath), body: () => ourSync(bundledPath, bundled) },
  )) as [number[], number[], number[]];
  figures.push({
    name: 'full sync into empty SQLite (directory source)',
    ours: oursMs,
    floorName: 'read+parse JSON + one prepared transaction of the same values',
    floor: floorMs,
    target: '≤ 1.2×',
    pass: (r) => r <= 1.2,
  });
  figures.push({
    name: 'full sync into empty SQLite (bundled snapshot, decoded)',
    ours: bundledMs,
    floorName: 'same floor',
    floor: floorMs,
    target: 'info',
    pass: () => true,
  });
  const catalogPath = join(work, 'catalogue.sqlite3');
  freshFile(catalogPath);
  await ourSync(catalogPath);
  return catalogPath;
}

// ---------------------------------------------------------------- 2. replication
async function benchReplication(catalogPath: string): Promise<void> {
  const dbName = `bench_jobs_pokemon_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const db = openCatalog(catalogPath);
  try {
    let n = 0;
    let floorSchema = '';
    let oursSchema = '';
    // Both start from an empty, migrated schema (same tables and indexes); only moving the rows is timed.
    const freshSchema = async (): Promise<string> => {
      const schema = `bench_${++n}`;
      await migratePrimary(client, schema);
      return schema;
    };
    const [floorMs, oursMs, noChangeMs] = (await measure(
      {
        setup: async () => {
          floorSchema = await freshSchema();
        },
        body: async () => {
          const sets = db
            .prepare(`SELECT ${SET_COLUMNS.join(', ')} FROM sets`)
            .raw()
            .all() as unknown[][];
          const cards = db
            .prepare(`SELECT ${CARD_COLUMNS.join(', ')} FROM cards`)
            .raw()
            .all() as unknown[][];
          await client.query('BEGIN');
          await copyFrom(client, `${floorSchema}.sets`, SET_COLUMNS, sets);
          await copyFrom(client, `${floorSchema}.cards`, CARD_COLUMNS, cards);
          await client.query('COMMIT');
        },
      },
      {
        setup: async () => {
          oursSchema = await freshSchema();
        },
        body: () => replicateToPrimary(db, client, { schema: oursSchema }),
      },
      { setup: () => {}, body: () => replicateToPrimary(db, client, { schema: oursSchema }) },
    )) as [number[], number[], number[]];
    figures.push({
      name: 'full replication into empty PostgreSQL',
      ours: oursMs,
      floorName: 'bare COPY FROM STDIN of the same rows',
      floor: floorMs,
      target: '≤ 1.5×',
      pass: (r) => r <= 1.5,
    });
    figures.push({
      name: 'no-change replication',
      ours: noChangeMs,
      floorName: 'full replication (ours)',
      floor: oursMs,
      target: '< 0.1×',
      pass: (r) => r < 0.1,
    });
  } finally {
    db.close();
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

// ---------------------------------------------------------------- 3. backup
async function benchBackup(catalogPath: string): Promise<void> {
  const dir = join(work, 'backups');
  mkdirSync(dir, { recursive: true });
  const roomy = async () => ({ freeBytes: 1e12, totalBytes: 2e12 });
  let t = Date.UTC(2026, 0, 1);
  const [floorMs, oursMs, verifiedMs] = (await measure(
    {
      setup: () => rmSync(join(work, 'floor-backup.sqlite3'), { force: true }),
      body: () =>
        execFileSync('sh', [
          '-c',
          `sqlite3 '${catalogPath}' ".backup '${work}/floor-backup.sqlite3'" && gzip -6 -c '${work}/floor-backup.sqlite3' | tee '${work}/floor.gz' | sha256sum > /dev/null`,
        ]),
    },
    {
      setup: () => {},
      body: () =>
        createBackup({ catalogPath, backupDir: dir, diskSpace: roomy, now: () => (t += 1000), verify: false }),
    },
    {
      setup: () => {},
      body: () => createBackup({ catalogPath, backupDir: dir, diskSpace: roomy, now: () => (t += 1000) }),
    },
  )) as [number[], number[], number[]];
  figures.push({
    name: 'backup + gzip + SHA-256 (no verify)',
    ours: oursMs,
    floorName: 'sqlite3 .backup + gzip -6 + sha256sum',
    floor: floorMs,
    target: '≤ 1×',
    pass: (r) => r <= 1,
  });
  figures.push({
    name: 'backup job as scheduled (with restore-verify)',
    ours: verifiedMs,
    floorName: 'same floor',
    floor: floorMs,
    target: 'info',
    pass: () => true,
  });
}

// ---------------------------------------------------------------- main
try {
  const origin = data.real ? '' : ' (the bundled snapshot written out: ../shared/pokemon-tcg-data is absent)';
  console.log(
    `data: ${DATA}${origin}; ${RUNS} interleaved rounds; times are medians, ratios the median of per-round ratios\n`,
  );
  const catalogPath = await benchSync();
  const size = statSync(catalogPath).size + (statSync(`${catalogPath}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  console.log(`catalogue: ${(size / 1024 / 1024).toFixed(1)} MiB`);
  await benchReplication(catalogPath);
  await benchBackup(catalogPath);
  const rows = figures.map((f) => {
    const ratio = median(f.ours.map((ms, i) => ms / f.floor[i]!));
    return {
      benchmark: f.name,
      'ours (ms)': Math.round(median(f.ours)),
      floor: f.floorName,
      'floor (ms)': Math.round(median(f.floor)),
      ratio: `${ratio.toFixed(2)}×`,
      target: f.target,
      ok: f.target === 'info' ? '' : f.pass(ratio) ? 'yes' : 'NO',
    };
  });
  console.table(rows);
} finally {
  rmSync(work, { recursive: true, force: true });
  data.cleanup();
}
