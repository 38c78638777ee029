import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
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
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not a database or is corrupt/);
    expect(error.message).toMatch(/Restore it from a backup/);
  });

  it('a file the process may not write gives a StoreError naming the file', async () => {
    const path = file();
    const setup = createSqliteStore({ filename: path });
    await setup.init();
    await setup.close();
    chmodSync(path, 0o444);
    // root ignores file permissions unless it drops the capabilities that let it
    const result = await runFixture('./init-store.ts', ['sqlite', path], { honourFilePermissions: true });
    const outcome = lastJson<{ ok: boolean; name?: string; message?: string }>(result);
    expect(outcome.ok).toBe(false);
    expect(outcome.name).toBe('StoreError');
    expect(outcome.message).toContain(path);
    expect(outcome.message).toMatch(/is read-only \(SQLITE_READONLY.*while running init/);
  });

  it('readonly: true on a file without the schema says to run init() with a writable store', async () => {
    const path = file();
    new Database(path).close();
    const error = await initError(createSqliteStore({ filename: path, readonly: true }));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/read-only .* version 0 of 1\. Run init\(\) once with a writable store/);
  });

  it('readonly: true reads history and rejects writes with a StoreError', async () => {
    const path = file();
    const writer = createSqliteStore({ filename: path });
    await writer.init();
    await writer.claimRun(claimRequest());
    await writer.close();
    const reader = createSqliteStore({ filename: path, readonly: true });
    await reader.init();
    expect((await reader.listRuns()).runs).toHaveLength(1);
    const error = await reader.claimRun(claimRequest({ slotMs: 0 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).operation).toBe('claimRun');
    expect((error as Error).message).toMatch(/is read-only \(SQLITE_READONLY/);
    await reader.close();
  });

  it('a missing directory gives a StoreError', async () => {
    const path = join(dir, 'no-such-dir', 'x.sqlite');
    const error = await initError(createSqliteStore({ filename: path }));
    expect(error.message).toContain(path);
  });

  it('a bad table prefix and use before init() are StoreErrors', async () => {
    expect(() => createSqliteStore({ filename: file() }, { tablePrefix: 'x; drop table y' })).toThrow(StoreError);
    const store = createSqliteStore({ filename: file() });
    await expect(store.listJobs()).rejects.toThrow(/used before init\(\)/);
    await store.close();
    await expect(store.init()).rejects.toThrow(/closed/);
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
