/**
 * Opens the scheduler store for a read command: never creates it, never
 * writes to it, and reads an SQLite store even in a read-only directory.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Store } from '@pokemon/scheduler';
import type { StoreConfig } from './config.js';
import { ConfigError } from './errors.js';
import { openStore } from './store.js';

/** A store opened for reading, and how to let it go. */
export interface ReadStore {
  /** The store (not initialised). */
  readonly store: Store;
  /** Closes the store and removes any snapshot taken of it. */
  close(): Promise<void>;
}

/** The one line a read command prints when `POKEMON_CRON_STORE` names no store. */
export function noStoreError(path: string): ConfigError {
  return new ConfigError(
    `POKEMON_CRON_STORE: no scheduler store at "${path}" (nothing has run with it yet). ` +
      'Check the path (or --store), or create it with `cron-runner start` or `cron-runner run <job>`.',
    'POKEMON_CRON_STORE',
  );
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A WAL database opened read-only needs its `-shm` file; in a directory this
 * process cannot write, a read opens a snapshot copied to the temp directory.
 */
async function snapshot(path: string): Promise<ReadStore> {
  const dir = await mkdtemp(join(tmpdir(), 'cron-runner-store-'));
  const copy = join(dir, basename(path));
  await copyFile(path, copy);
  if (existsSync(`${path}-wal`)) await copyFile(`${path}-wal`, `${copy}-wal`);
  const { createSqliteStore } = await import('@pokemon/scheduler/sqlite');
  const store = createSqliteStore({ filename: copy, readonly: true });
  return {
    store,
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the configured store for queries only; `undefined` when it is an
 * SQLite file that does not exist (a PostgreSQL store is opened as usual).
 */
export async function openReadStore(config: StoreConfig): Promise<ReadStore | undefined> {
  if (config.kind === 'postgres') {
    const store = await openStore(config);
    return { store, close: () => store.close() };
  }
  if (!existsSync(config.path)) return undefined;
  if (!writable(dirname(config.path)) && !existsSync(`${config.path}-shm`)) return snapshot(config.path);
  const { createSqliteStore } = await import('@pokemon/scheduler/sqlite');
  const store = createSqliteStore({ filename: config.path, readonly: true });
  return { store, close: () => store.close() };
}
