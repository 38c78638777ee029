/**
 * A throwaway PostgreSQL 15 cluster with pg_cron preloaded, from the machine's binaries
 * (Debian's `postgresql-15` and `postgresql-15-cron`). Started per test file; `stop()` removes it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Where the PostgreSQL 15 binaries and pg_cron live (override with `PG_CRON_BIN_DIR`). */
const BIN_DIR = process.env.PG_CRON_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const LIB = join(BIN_DIR, '..', 'lib', 'pg_cron.so');
const CONTROL = '/usr/share/postgresql/15/extension/pg_cron.control';

/** The database pg_cron runs its jobs in (`cron.database_name`). */
export const PG_CRON_DATABASE = 'cron_test';

/** Why the pg_cron suites cannot run here, or `undefined` when they can. */
export function pgCronUnavailable(): string | undefined {
  for (const path of [join(BIN_DIR, 'initdb'), LIB, CONTROL]) {
    if (!existsSync(path)) return `pg_cron suite skipped: ${path} is missing (apt-get install postgresql-15-cron)`;
  }
  return undefined;
}

/** A running cluster with pg_cron created in {@link PG_CRON_DATABASE}. */
export interface PgCronCluster extends AsyncDisposable {
  /** URL of {@link PG_CRON_DATABASE} (trust auth, user `postgres`). */
  url: string;
  /** URL of another database on the same server, created on first call. */
  databaseUrl(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and starts it again on the same port. */
  restart(): Promise<void>;
  /** Stops the server (immediately) and deletes its files. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a PostgreSQL binary, as the `postgres` OS user when this process is root (initdb refuses root). */
async function pgBin(name: string, args: string[]): Promise<void> {
  const bin = join(BIN_DIR, name);
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', bin, ...args]);
  else await run(bin, args);
}

async function ownedDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgcron-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  return dir;
}

async function query(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Waits (bounded) until pg_cron's launcher shows in `pg_stat_activity`: jobs run from then on. */
async function launcherStarted(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher'`);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('pg_cron launcher did not start within 10 s');
  } finally {
    await client.end();
  }
}

/** Starts a cluster; call `stop()` (or `await using`) when done. */
export async function startPgCronCluster(): Promise<PgCronCluster> {
  const dir = await ownedDir();
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  await pgBin('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  await appendFile(
    join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      `shared_preload_libraries = 'pg_cron'`,
      `cron.database_name = '${PG_CRON_DATABASE}'`,
      // Jobs run in background workers: no connection, so no password in a throwaway cluster.
      'cron.use_background_workers = on',
      'max_worker_processes = 32',
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres@127.0.0.1:${port}/${PG_CRON_DATABASE}`;
  const server = () => pgBin('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
  await server();
  const start = async (): Promise<void> => {
    await server();
    await launcherStarted(url);
  };
  await query(admin, `CREATE DATABASE ${PG_CRON_DATABASE}`);
  await query(url, 'CREATE EXTENSION pg_cron');
  // pg_cron's launcher gave up on the database that did not exist at boot: restart to start it.
  await pgBin('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await pgBin('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  return {
    url,
    async databaseUrl(name) {
      await query(admin, `CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error;
      });
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart() {
      await pgBin('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await start();
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
