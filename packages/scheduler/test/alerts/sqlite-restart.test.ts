import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite.js';
import { HOUR, MINUTE } from '../../src/testing.js';
import { alertHarness, T0 } from './harness.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alerts-sqlite-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
});

it('alert state survives a process restart on a SQLite store: no re-send, one recovery', async () => {
  const filename = join(dir, 'scheduler.sqlite3');
  const job = {
    name: 'sync-missing-sets',
    schedule: '*/15 * * * *',
    run: (ctx: { now(): number }) =>
      ctx.now() < T0 + HOUR + 15 * MINUTE ? Promise.reject(new Error('source down')) : 'ok',
  };
  await using h = await alertHarness([job], { store: (clock) => createSqliteStore({ filename }, { clock }) });
  await h.scheduler.start();
  await h.stepThrough(T0 + 30 * MINUTE, 15 * MINUTE);
  expect(h.sent().map((a) => a.kind)).toEqual(['failure']);
  await h.scheduler.stop();
  await h.store.close();

  // A new process: a new store object on the same file, a new scheduler and monitor.
  const reopened = createSqliteStore({ filename }, { clock: h.clock });
  await h.restart(undefined, reopened).start();
  expect(await reopened.getState('alerts:job:sync-missing-sets')).toMatchObject({
    incidents: { failing: { kind: 'failure', notified: true, openedAtMs: T0 + 15 * MINUTE } },
  });
  await h.stepThrough(T0 + 2 * HOUR, 15 * MINUTE);
  expect(h.sent().map((a) => [a.kind, new Date(a.atMs).toISOString().slice(11, 16)])).toEqual([
    ['failure', '00:15'],
    ['consecutive-failures', '00:45'],
    ['recovered', '01:15'],
  ]);
});
