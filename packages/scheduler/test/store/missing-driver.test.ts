import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastJson, runFixture } from './fixtures/spawn-node.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-no-driver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { ok: boolean; name?: string; message?: string };

describe('optional drivers that are not installed', () => {
  it('the SQLite store says to install better-sqlite3', async () => {
    const result = await runFixture('./init-store.ts', ['sqlite', join(dir, 'x.sqlite')], {
      imports: ['./without-drivers.mjs'],
    });
    const outcome = lastJson<Outcome>(result);
    expect(outcome).toMatchObject({ ok: false, name: 'StoreError' });
    expect(outcome.message).toBe(
      'The SQLite store needs the better-sqlite3 package, which is not installed: add better-sqlite3 to your dependencies (npm, pnpm or yarn).',
    );
  });

  it('the PostgreSQL store says to install pg', async () => {
    const result = await runFixture('./init-store.ts', ['postgres', 'postgres://u@127.0.0.1:1/db', 'x'], {
      imports: ['./without-drivers.mjs'],
    });
    const outcome = lastJson<Outcome>(result);
    expect(outcome).toMatchObject({ ok: false, name: 'StoreError' });
    expect(outcome.message).toBe(
      'The PostgreSQL store needs the pg package, which is not installed: add pg to your dependencies (npm, pnpm or yarn).',
    );
  });

  it('importing the package root loads neither driver', async () => {
    const result = await runFixture('./import-root.ts', [], { imports: ['./without-drivers.mjs'] });
    expect(lastJson(result)).toEqual({ ok: true });
  });
});
