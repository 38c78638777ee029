import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, StoreError } from '../../src/core/errors.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { claimRequest } from '../../src/testing/store-contract-harness.js';
import { lastJson, runFixture } from './fixtures/spawn-node.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-sqlite-faults-'));
chmodSync(dir, 0o777);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (): string => join(dir, `f-${++n}.sqlite`);

async function initError(store: ReturnType<typeof createSqliteStore>): Promise<StoreError> {
  const error = await store.init().then(
    () => undefined,
    (e: unknown) => e,
  );
  await store.close();
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('SQLite store faults', () => {
  it('a corrupt file gives a StoreError naming the file and what to do', async () => {
    const path = file();
    writeFileSync(path, Buffer.alloc(8192, 'this is not a database '));
    const error = await initError(createSqliteStore({ filename: path }));
    expect(error.code).toBe('STORE_ERROR');
    expect(error.operation).toBe('init');
    expect(error.message).toBe(
      `SQLite file "${path}" is not a database or is corrupt (SQLITE_NOTADB: file is not a database; during init). Restore it from a backup, or move it aside and point the store at a new file.`,
    );
  });

  it('a file the process may not write gives a StoreError naming the file', async () => {
    const path = file();
    await using setup = createSqliteStore({ filename: path });
    await setup.init();
    await setup.close();
    chmodSync(path, 0o444);
    // root ignores file permissions unless it drops the capabilities that let it
    const result = await runFixture('./init-store.ts', ['sqlite', path], { honourFilePermissions: true });
    const outcome = lastJson<{ ok: boolean; name?: string; message?: string }>(result);
    expect(outcome.ok).toBe(false);
    expect(outcome.name).toBe('StoreError');
    expect(outcome.message).toBe(
      `Cannot write SQLite file "${path}": it is read-only (SQLITE_READONLY: attempt to write a readonly database; during init). Check the permissions of the file and of its directory (WAL mode creates "${path}-wal" and "${path}-shm" beside it), or open it with \`readonly: true\` for queries only.`,
    );
  });

  it('readonly: true on a file without the schema says to run init() with a writable store', async () => {
    const path = file();
    new Database(path).close();
    const error = await initError(createSqliteStore({ filename: path, readonly: true }));
    expect(error.message).toBe(
      `SQLite file "${path}" is opened read-only but its scheduler tables (prefix "scheduler_") are at version 0 of 1. Run init() once with a writable store to create or migrate them.`,
    );
  });

  it('readonly: true reads history and rejects writes with a StoreError', async () => {
    const path = file();
    await using writer = createSqliteStore({ filename: path });
    await writer.init();
    await writer.claimRun(claimRequest());
    await writer.close();
    await using reader = createSqliteStore({ filename: path, readonly: true });
    await reader.init();
    expect((await reader.listRuns()).runs).toHaveLength(1);
    const error = await reader.claimRun(claimRequest({ slotMs: 0 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).operation).toBe('claimRun');
    expect((error as Error).message).toBe(
      `Cannot write SQLite file "${path}": the store was opened with \`readonly: true\` (SQLITE_READONLY: attempt to write a readonly database; during claimRun). Use a writable store for writes.`,
    );
    await reader.close();
  });

  it('readonly: true on a missing file says it does not exist', async () => {
    const path = join(dir, 'never-created.sqlite');
    const error = await initError(createSqliteStore({ filename: path, readonly: true }));
    expect(error.message).toBe(
      `Cannot open SQLite file "${path}" read-only: it does not exist or cannot be read (SQLITE_CANTOPEN: unable to open database file; during init). Check the path, or run init() once with a writable store to create the file.`,
    );
  });

  it('a directory given as the file says the path must name a file', async () => {
    const error = await initError(createSqliteStore({ filename: dir }));
    expect(error.message).toBe(
      `Cannot open SQLite file "${dir}" (SQLITE_CANTOPEN: unable to open database file; during init). Check that the path names a file (not a directory) and that this process may read and write it and its directory.`,
    );
  });

  it('a write lock held past the busy timeout names the file and what to do', async () => {
    const path = file();
    await using store = createSqliteStore({ filename: path }, { busyTimeoutMs: 5 });
    await store.init();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const error = await store.claimRun(claimRequest()).catch((e: unknown) => e);
    other.exec('ROLLBACK');
    other.close();
    await store.close();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `SQLite file "${path}" stayed locked by another connection past the busy timeout (SQLITE_BUSY: database is locked; during claimRun). Look for a process holding a long write transaction on it, or raise \`busyTimeoutMs\`.`,
    );
  });

  it('a missing directory gives a StoreError naming the file, the directory and what to do', async () => {
    const path = join(dir, 'no-such-dir', 'x.sqlite');
    const error = await initError(createSqliteStore({ filename: path }));
    expect(error.operation).toBe('init');
    expect(error.message).toBe(
      `Cannot open SQLite file "${path}": directory "${join(dir, 'no-such-dir')}" does not exist (during init). Create the directory first, or point \`filename\` at a file in an existing directory.`,
    );
  });

  it('a bad table prefix is an InvalidOptionError and use before init() a StoreError', async () => {
    expect(() => createSqliteStore({ filename: file() }, { tablePrefix: 'x; drop table y' })).toThrow(
      InvalidOptionError,
    );
    expect(() => createSqliteStore({ filename: file() }, { tablePrefix: 'x; drop table y' })).toThrow(
      'Expected `tablePrefix` of createSqliteStore to be letters, digits and underscores (at most 41, starting with a letter or _), got `"x; drop table y"`.',
    );
    const path = file();
    await using store = createSqliteStore({ filename: path });
    await expect(store.listJobs()).rejects.toThrow(
      `Cannot run listJobs: the SQLite store on "${path}" is not initialised. Call store.init() first (the scheduler's start() does).`,
    );
    await store.close();
    await expect(store.init()).rejects.toThrow(
      `Cannot run init: the SQLite store on "${path}" is closed. Create a new store (a closed one cannot be reopened).`,
    );
  });

  it('two processes initialising one new file at once apply each migration once', async () => {
    const path = file();
    const results = await Promise.all([
      runFixture('./init-store.ts', ['sqlite', path, 'write']),
      runFixture('./init-store.ts', ['sqlite', path, 'write']),
      runFixture('./init-store.ts', ['sqlite', path, 'write']),
    ]);
    for (const result of results) expect(lastJson(result)).toEqual({ ok: true });
    const db = new Database(path, { readonly: true });
    expect(db.prepare('select version from scheduler_migrations').all()).toEqual([{ version: 1 }]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
