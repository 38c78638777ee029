/**
 * Opens the scheduler store named by `POKEMON_CRON_STORE`: an SQLite file for
 * one instance, PostgreSQL for several. Each driver is loaded only when used.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Store } from '@pokemon/scheduler';
import type { StoreConfig } from './config.js';

/**
 * Creates (but does not initialise) the store; the caller owns it and closes it.
 * The SQLite file's directory is created when missing.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'postgres') {
    const { createPostgresStore } = await import('@pokemon/scheduler/postgres');
    return createPostgresStore({ connectionString: config.url });
  }
  await mkdir(dirname(config.path), { recursive: true });
  const { createSqliteStore } = await import('@pokemon/scheduler/sqlite');
  return createSqliteStore({ filename: config.path });
}

/** A short, secret-free description of the store for logs and `status`. */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'sqlite') return `sqlite:${config.path}`;
  const url = new URL(config.url);
  return `postgres://${url.host}${url.pathname}`;
}
