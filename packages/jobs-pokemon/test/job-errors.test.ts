/**
 * Errors that stop a job name the resource, its setting and the cause, never
 * a secret; permanent ones are not retried (one attempt recorded).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createMemoryStore, createScheduler, NonRetryableError, type RunRecord } from '@pokemon/scheduler';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgAdminUrl } from '../../../tools/test-postgres/database.js';
import { createFakeClock } from '../../scheduler/src/testing/fake-clock.js';
import type { PokemonJobsConfig } from '../src/config.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { CatalogueDataError, NotConfiguredError } from '../src/errors.js';
import { isPermanentError } from '../src/failures/permanent.js';
import { PermanentJobError } from '../src/failures/permanent-error.js';
import { ResourceError } from '../src/failures/resource-error.js';
import { createServices } from '../src/services.js';
import { apiSource } from '../src/sources/api.js';
import { directorySource } from '../src/sources/directory.js';
import { describeNetworkError } from '../src/sources/network-cause.js';
import { tempDir } from './helpers/files.js';
import { makeReadOnly } from './helpers/read-only.js';

const START = new Date('2026-06-01T00:00:00Z');

/**
 * Triggers `job` once through a scheduler on a fake clock; a retry's backoff
 * is skipped by advancing the clock, so a retried job records every attempt
 * in milliseconds.
 */
async function runJob(config: PokemonJobsConfig, job: string): Promise<RunRecord> {
  const clock = createFakeClock(START);
  const jobs = createPokemonJobs({ ...config, clock });
  await using scheduler = createScheduler({ jobs, store: createMemoryStore({ clock }), clock });
  let advancing = Promise.resolve();
  scheduler.on('run:retry-scheduled', (event) => {
    advancing = advancing.then(() => new Promise(setImmediate)).then(() => clock.advance(event.delayMs));
  });
  return await scheduler.trigger(job);
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let dir: string;
let cleanup: () => void;
const undo: (() => void)[] = [];
afterEach(() => {
  for (const step of undo.splice(0)) step();
  cleanup?.();
});
function fresh(): string {
  ({ dir, cleanup } = tempDir('job-errors-'));
  return dir;
}

describe('catalogue errors name the file, POKEMON_CRON_DB and the cause, and are not retried', () => {
  it('a directory where the file should be: SQLITE_CANTOPEN, one attempt', async () => {
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    mkdirSync(catalogPath);
    const run = await runJob({ catalogPath }, 'sync-missing-sets');
    expect(run.status).toBe('failed');
    expect(run.attempts).toHaveLength(1);
    expect(run.error).toMatchObject({ name: 'ResourceError', code: 'SQLITE_CANTOPEN' });
    expect(run.error?.message).toBe(
      `Catalogue ${catalogPath} (catalogPath; runner: POKEMON_CRON_DB): cannot open it: it is a directory, not a file. ` +
        'Point POKEMON_CRON_DB at a file. (SQLITE_CANTOPEN: unable to open database file)',
    );
  });

  it('a directory that cannot be created (a file is in the way): one attempt, the directory named', async () => {
    const blocker = join(fresh(), 'data');
    writeFileSync(blocker, 'not a directory');
    const catalogPath = join(blocker, 'pokemon.sqlite3');
    const run = await runJob({ catalogPath }, 'sync-missing-cards');
    expect(run.attempts).toHaveLength(1);
    expect(run.error?.code).toBe('EEXIST');
    expect(run.error?.message).toContain(`Catalogue ${catalogPath} (catalogPath; runner: POKEMON_CRON_DB)`);
    expect(run.error?.message).toContain(`cannot create its directory ${blocker}`);
  });

  it('a file that is not a database: SQLITE_NOTADB, one attempt', async () => {
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    writeFileSync(catalogPath, 'x'.repeat(4096));
    const run = await runJob({ catalogPath }, 'validate-data-integrity');
    expect(run.attempts).toHaveLength(1);
    expect(run.error).toMatchObject({ code: 'SQLITE_NOTADB' });
    expect(run.error?.message).toContain(
      `Catalogue ${catalogPath} (catalogPath; runner: POKEMON_CRON_DB): it is not a SQLite database`,
    );
  });

  it('a read-only catalogue: SQLITE_READONLY, one attempt, says it cannot write', async () => {
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    const created = await runJob({ catalogPath }, 'sync-missing-sets');
    expect(created.status).toBe('succeeded');
    // A catalogue left in rollback-journal mode, then made read-only: the job must write to it.
    const services = createServices({ catalogPath });
    await services.withCatalog((db) => db.pragma('journal_mode = DELETE'));
    undo.push(makeReadOnly(catalogPath));
    const run = await runJob({ catalogPath }, 'sync-missing-sets');
    expect(run.attempts).toHaveLength(1);
    expect(run.error?.code).toMatch(/^SQLITE_READONLY/);
    expect(run.error?.message).toContain(
      `Catalogue ${catalogPath} (catalogPath; runner: POKEMON_CRON_DB): cannot write to it`,
    );
  });

  it('a full disk names the file (SQLITE_FULL), and is retried', async () => {
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    const services = createServices({ catalogPath });
    const failure = await services
      .withCatalog((db) => {
        db.pragma('max_page_count = 40');
        db.exec('CREATE TABLE filler (x BLOB)');
        for (let i = 0; i < 100; i++) db.prepare('INSERT INTO filler VALUES (randomblob(4000))').run();
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResourceError);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL', resource: catalogPath, permanent: false });
    expect((failure as Error).message).toBe(
      `Catalogue ${catalogPath} (catalogPath; runner: POKEMON_CRON_DB): the disk holding it is full ` +
        `(SQLITE_FULL: database or disk is full). Free space on the file system of ${dir}.`,
    );
    expect(isPermanentError(failure)).toBe(false);
  });
});

describe('card source errors', () => {
  let server: Server;
  let baseUrl: string;
  const status = { code: 401 };
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(status.code, { 'content-type': 'application/json' });
      response.end('{"error":"no"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([401, 403])(
    'HTTP %i from the card API: one attempt, POKEMONTCG_API_KEY named, the key never shown',
    async (code) => {
      status.code = code;
      const catalogPath = join(fresh(), 'pokemon.sqlite3');
      const source = apiSource({ baseUrl, apiKey: 'key-s3cret-123' });
      const run = await runJob({ catalogPath, source }, 'sync-missing-sets');
      expect(run.attempts).toHaveLength(1);
      expect(run.error?.message).toContain(`HTTP ${code} (check POKEMONTCG_API_KEY)`);
      expect(JSON.stringify(run)).not.toContain('key-s3cret-123');
    },
  );

  it('a refused connection says so, with the URL and without the key, and is retried', async () => {
    const port = await closedPort();
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    const source = apiSource({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'key-s3cret-123', attempts: 1 });
    const run = await runJob({ catalogPath, source }, 'sync-missing-sets');
    expect(run.attempts).toHaveLength(3);
    expect(run.error?.message).toBe(
      `http://127.0.0.1:${port}/v2/sets?orderBy=releaseDate&page=1&pageSize=250: failed after 1 attempts: ` +
        `connection refused (ECONNREFUSED 127.0.0.1:${port}). Check POKEMONTCG_API_URL and that the API is reachable from here.`,
    );
    expect(JSON.stringify(run)).not.toContain('key-s3cret-123');
  });

  it('a missing source directory (file not found): one attempt', async () => {
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    const run = await runJob({ catalogPath, source: directorySource(join(dir, 'nowhere')) }, 'sync-missing-sets');
    expect(run.attempts).toHaveLength(1);
    expect(run.error?.message).toContain('sets/en.json: file is missing');
  });
});

describe('primary errors name PRIMARY_DATABASE_URL and host:port, never the password', () => {
  const withDatabase = (user: string, password: string, database: string): string => {
    const url = new URL(pgAdminUrl());
    url.username = user;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };

  it.each([
    [
      'a role that does not exist (28000)',
      'no_such_role_je',
      'postgres',
      '28000',
      'the server refused user "no_such_role_je"',
    ],
    [
      'a database that does not exist (3D000)',
      'postgres',
      'no_such_database_je',
      '3D000',
      'database "no_such_database_je" does not exist',
    ],
  ])('%s: one attempt', async (_label, user, database, code, sentence) => {
    const primaryDatabaseUrl = withDatabase(user, 'pw-s3cret-456', database);
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    const run = await runJob({ catalogPath, primaryDatabaseUrl }, 'replicate-to-primary');
    expect(run.status).toBe('failed');
    expect(run.attempts).toHaveLength(1);
    expect(run.error).toMatchObject({ name: 'ResourceError', code });
    const { hostname, port } = new URL(primaryDatabaseUrl);
    expect(run.error?.message).toContain(
      `Primary PostgreSQL ${hostname}:${port || '5432'}/${database} (primaryDatabaseUrl; runner: PRIMARY_DATABASE_URL): ${sentence}`,
    );
    expect(JSON.stringify(run)).not.toContain('pw-s3cret-456');
  });

  it('a refused connection (ECONNREFUSED) names host:port and is retried', async () => {
    const port = await closedPort();
    const primaryDatabaseUrl = `postgres://postgres:pw-s3cret-456@127.0.0.1:${port}/catalogue`;
    const catalogPath = join(fresh(), 'pokemon.sqlite3');
    const run = await runJob({ catalogPath, primaryDatabaseUrl }, 'replicate-to-primary');
    expect(run.attempts).toHaveLength(3);
    expect(run.error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(run.error?.message).toBe(
      `Primary PostgreSQL 127.0.0.1:${port}/catalogue (primaryDatabaseUrl; runner: PRIMARY_DATABASE_URL): ` +
        `connection refused (ECONNREFUSED 127.0.0.1:${port}). Check that PostgreSQL at 127.0.0.1:${port} is up and that PRIMARY_DATABASE_URL names it.`,
    );
    expect(JSON.stringify(run)).not.toContain('pw-s3cret-456');
  });
});

describe('isPermanentError', () => {
  const withCode = (code: string, cause?: Error): Error => Object.assign(new Error(code, { cause }), { code });
  it.each([
    ['EACCES', true],
    ['EPERM', true],
    ['EROFS', true],
    ['ENOENT', true],
    ['SQLITE_READONLY', true],
    ['SQLITE_READONLY_DIRECTORY', true],
    ['SQLITE_CANTOPEN', true],
    ['28P01', true],
    ['28000', true],
    ['3D000', true],
    ['SQLITE_BUSY', false],
    ['SQLITE_FULL', false],
    ['ECONNREFUSED', false],
    ['ETIMEDOUT', false],
  ])('%s → %s, also as a cause', (code, permanent) => {
    expect(isPermanentError(withCode(code))).toBe(permanent);
    expect(isPermanentError(new Error('wrapped', { cause: withCode(code) }))).toBe(permanent);
  });

  it('takes NonRetryableError, HTTP 401/403 and the ResourceError flag at their word', () => {
    expect(isPermanentError(new NonRetryableError('no'))).toBe(true);
    expect(isPermanentError(Object.assign(new Error('HTTP 403'), { status: 403 }))).toBe(true);
    expect(isPermanentError(Object.assign(new Error('HTTP 503'), { status: 503 }))).toBe(false);
    const flagged = new ResourceError(
      'x',
      { resource: 'r', setting: 's', permanent: false },
      { cause: withCode('EACCES') },
    );
    expect(isPermanentError(flagged)).toBe(false);
  });
});

describe('describeNetworkError', () => {
  it.each([
    ['ENOTFOUND', { hostname: 'api.example.invalid' }, 'host name not found (DNS) (ENOTFOUND api.example.invalid)'],
    ['UND_ERR_CONNECT_TIMEOUT', {}, 'connection timed out (UND_ERR_CONNECT_TIMEOUT)'],
    ['ECONNREFUSED', { address: '10.0.0.1', port: 443 }, 'connection refused (ECONNREFUSED 10.0.0.1:443)'],
  ])('fetch failed caused by %s', (code, fields, text) => {
    const cause = Object.assign(new Error(code), { code, ...fields });
    expect(describeNetworkError(new TypeError('fetch failed', { cause }))).toBe(text);
  });
});

describe('domain errors keep their name and code in history, and are not retried', () => {
  it('backup-database of a missing catalogue: CatalogueNotReadyError / CATALOGUE_NOT_READY, one attempt', async () => {
    const base = fresh();
    const run = await runJob(
      { catalogPath: join(base, 'missing.sqlite3'), backupDir: join(base, 'backups') },
      'backup-database',
    );
    expect(run.status).toBe('failed');
    expect(run.attempts).toHaveLength(1);
    expect(run.error).toMatchObject({ name: 'CatalogueNotReadyError', code: 'CATALOGUE_NOT_READY' });
    expect(run.error?.message).toMatch(/does not exist: nothing to back up/);
  });

  it.each([
    [new NotConfiguredError('primaryDatabaseUrl', 'set it'), 'NOT_CONFIGURED'],
    [new CatalogueDataError('sets/en.json', '[0].id', 'is missing'), 'CATALOGUE_DATA_INVALID'],
  ])('%s has its own code and retryable: false', (error, code) => {
    expect(error).toMatchObject({ code, retryable: false });
    expect(error).toBeInstanceOf(PermanentJobError);
    expect(isPermanentError(error)).toBe(true);
  });
});
