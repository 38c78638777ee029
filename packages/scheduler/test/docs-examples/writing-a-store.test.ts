// The examples of docs/guides/writing-a-store.md, run as tests (keep both in sync).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite.js';
import type { Store } from '../../src/store.js';
import { describeStoreContract } from '../../src/store-contract.js';
import { createFakeClock } from '../../src/testing.js';

/** A store that counts the claims it grants, delegating everything to another store. */
function countingStore(inner: Store): Store & { readonly claimsGranted: number } {
  let claimsGranted = 0;
  return {
    get claimsGranted() {
      return claimsGranted;
    },
    init: (signal) => inner.init(signal),
    close: () => inner.close(),
    now: () => inner.now(),
    reconcileJobs: (specs, options) => inner.reconcileJobs(specs, options),
    listJobs: (options) => inner.listJobs(options),
    getJob: (name) => inner.getJob(name),
    updateJob: (name, patch) => inner.updateJob(name, patch),
    async claimRun(request) {
      const result = await inner.claimRun(request);
      if (result.claimed) claimsGranted++;
      return result;
    },
    recordAttempt: (runId, instanceId, attempt) => inner.recordAttempt(runId, instanceId, attempt),
    heartbeat: (runId, instanceId, leaseMs, progress) => inner.heartbeat(runId, instanceId, leaseMs, progress),
    finishRun: (runId, request) => inner.finishRun(runId, request),
    reapExpiredRuns: () => inner.reapExpiredRuns(),
    getRun: (id) => inner.getRun(id),
    listRuns: (query) => inner.listRuns(query),
    listRunning: (job) => inner.listRunning(job),
    latestRuns: (options) => inner.latestRuns(options),
    lastSlot: (job) => inner.lastSlot(job),
    jobStats: (job, window) => inner.jobStats(job, window),
    pruneRuns: (options) => inner.pruneRuns(options),
    appendAudit: (entry) => inner.appendAudit(entry),
    listAudit: (query) => inner.listAudit(query),
    pruneAudit: (options) => inner.pruneAudit(options),
    getState: (key) => inner.getState(key),
    setState: (key, value) => inner.setState(key, value),
    [Symbol.asyncDispose]: () => inner.close(),
  };
}

// The whole contract, with a fake clock the suite moves to expire leases exactly.
describeStoreContract('counting store over memory', async () => {
  const clock = createFakeClock(Date.parse('2026-01-01T00:00:00Z'));
  return { store: countingStore(createMemoryStore({ clock })), clock };
});

// A store on a file: a fresh file per test, a second handle for cross-instance claims, cleanup.
const dir = mkdtempSync(join(tmpdir(), 'docs-example-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
describeStoreContract('counting store over SQLite', async () => {
  const filename = join(dir, `store-${++files}.sqlite`);
  return {
    store: countingStore(createSqliteStore({ filename })),
    openAnother: async () => countingStore(createSqliteStore({ filename })),
    cleanup: async () => rmSync(filename, { force: true }),
  };
});

it('counts the claims it grants', async () => {
  const store = countingStore(createMemoryStore());
  await store.init();
  const request = {
    id: crypto.randomUUID(),
    job: 'a',
    scheduledFor: new Date('2026-01-01T00:00:00Z'),
    claimKey: '2026-01-01T00:00:00.000Z',
    trigger: 'schedule' as const,
    instanceId: 'i1',
    leaseMs: 30_000,
  };
  expect((await store.claimRun(request)).claimed).toBe(true);
  expect((await store.claimRun({ ...request, id: crypto.randomUUID() })).claimed).toBe(false);
  expect(store.claimsGranted).toBe(1);
  await store.close();
});
