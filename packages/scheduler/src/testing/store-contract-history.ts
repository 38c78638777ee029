import { expect, it } from 'vitest';
import { StoreError } from '../core/errors.js';
import type { RunQuery, RunRecord, Store } from '../store/types.js';
import {
  type ContractHarness,
  claimed,
  claimRequest,
  finishedRun,
  ids,
  MINUTE,
  newestFirst,
  T0,
} from './store-contract-harness.js';

/** Every page of `query`, following cursors. */
async function allPages(store: Store, query: RunQuery): Promise<RunRecord[][]> {
  const pages: RunRecord[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRuns({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    pages.push(page.runs);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 1000);
  return pages;
}

/** `count` runs of `job`, several sharing each slot (distinct claim keys), in random insertion order. */
async function seedRuns(store: Store, job: string, count: number): Promise<RunRecord[]> {
  const order = Array.from({ length: count }, (_, i) => i).sort(() => Math.random() - 0.5);
  const runs: RunRecord[] = [];
  for (const i of order) {
    runs.push(
      await claimed(store, { job, slotMs: T0 + Math.floor(i / 3) * MINUTE, claimKey: `k${i}`, trigger: 'manual' }),
    );
  }
  return runs;
}

/** History queries: order, filters, keyset pagination, latest runs, last slot. */
export function defineHistoryContract(h: ContractHarness): void {
  it('listRuns returns newest first by scheduledFor then id, 50 per page by default', async () => {
    const runs = await seedRuns(h.store, 'job-a', 60);
    const first = await h.store.listRuns();
    expect(first.runs).toHaveLength(50);
    expect(ids(first.runs)).toEqual(ids(newestFirst(runs)).slice(0, 50));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await h.store.listRuns({ cursor: first.nextCursor as string });
    expect(ids(second.runs)).toEqual(ids(newestFirst(runs)).slice(50));
    expect(second.nextCursor).toBeUndefined();
  });

  it('keyset pages have no gaps and no duplicates, ties on scheduledFor included', async () => {
    const runs = await seedRuns(h.store, 'job-a', 40);
    await seedRuns(h.store, 'job-b', 5);
    const pages = await allPages(h.store, { job: 'job-a', limit: 7 });
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 7, 5]);
    expect(ids(pages.flat())).toEqual(ids(newestFirst(runs)));
    const exact = await allPages(h.store, { job: 'job-a', limit: 20 });
    expect(exact.map((page) => page.length)).toEqual([20, 20]);
  });

  it('pagination stays consistent while runs are inserted between pages', async () => {
    const runs = await seedRuns(h.store, 'job-a', 30);
    const expected = newestFirst(runs);
    const first = await h.store.listRuns({ job: 'job-a', limit: 10 });
    expect(ids(first.runs)).toEqual(ids(expected).slice(0, 10));
    const newer = await claimed(h.store, { slotMs: T0 + 60 * MINUTE, claimKey: 'newer', trigger: 'manual' });
    const older = await claimed(h.store, { slotMs: T0 - 60 * MINUTE, claimKey: 'older', trigger: 'manual' });
    const tieId = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    const tieSlot = (first.runs.at(-1) as RunRecord).scheduledFor.getTime();
    const tie = await claimed(h.store, { id: tieId, slotMs: tieSlot, claimKey: 'tie', trigger: 'manual' });
    const rest = await allPages(h.store, { job: 'job-a', limit: 10, cursor: first.nextCursor as string });
    const seen = [...ids(first.runs), ...ids(rest.flat())];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...ids(expected), older.id]);
    expect(seen).not.toContain(newer.id);
    expect(seen).not.toContain(tie.id);
  });

  it('listRuns filters by job, status, trigger and [from, to)', async () => {
    const ok = await finishedRun(h.store, { slotMs: T0, status: 'succeeded', durationMs: 10 });
    const failed = await finishedRun(h.store, { slotMs: T0 + MINUTE, status: 'failed', durationMs: 10 });
    const manual = await finishedRun(h.store, {
      slotMs: T0 + 2 * MINUTE,
      status: 'failed',
      durationMs: 10,
      trigger: 'manual',
    });
    const running = await claimed(h.store, { slotMs: T0 + 3 * MINUTE, trigger: 'catch-up' });
    const otherJob = await finishedRun(h.store, { job: 'job-b', slotMs: T0, status: 'failed', durationMs: 10 });
    const list = async (query: RunQuery) => ids((await h.store.listRuns(query)).runs);
    expect(await list({ job: 'job-a' })).toEqual([running.id, manual.id, failed.id, ok.id]);
    expect(await list({ status: 'failed' })).toEqual([manual.id, failed.id, otherJob.id]);
    expect(await list({ job: 'job-a', status: ['failed', 'running'] })).toEqual([running.id, manual.id, failed.id]);
    expect(await list({ trigger: 'manual' })).toEqual([manual.id]);
    expect(await list({ trigger: ['schedule', 'catch-up'], job: 'job-a' })).toEqual([running.id, failed.id, ok.id]);
    expect(await list({ from: new Date(T0 + MINUTE), to: new Date(T0 + 3 * MINUTE) })).toEqual([manual.id, failed.id]);
    expect(await list({ job: 'job-a', status: 'failed', limit: 1 })).toEqual([manual.id]);
    expect(await list({ job: 'nope' })).toEqual([]);
    expect(await list({ status: [] })).toEqual([]);
  });

  it('listRuns filters by text in the final error, ignoring case, literally, with paging', async () => {
    const ok = await finishedRun(h.store, { slotMs: T0, status: 'succeeded', durationMs: 10 });
    const failed = await finishedRun(h.store, { slotMs: T0 + MINUTE, status: 'failed', durationMs: 10 });
    const timedOut = await finishedRun(h.store, { slotMs: T0 + 2 * MINUTE, status: 'timed_out', durationMs: 10 });
    const other = await finishedRun(h.store, { job: 'job-b', slotMs: T0, status: 'failed', durationMs: 10 });
    const list = async (query: RunQuery) => ids((await h.store.listRuns(query)).runs);
    expect(await list({ errorText: 'FAILED AT' })).toEqual([failed.id, other.id]);
    expect(await list({ errorText: 'd_out' })).toEqual([timedOut.id]);
    expect(await list({ errorText: '%' })).toEqual([]);
    expect(await list({ errorText: ' at ', job: 'job-a' })).toEqual([timedOut.id, failed.id]);
    expect(await list({ errorText: '' })).not.toContain(ok.id);
    expect((await allPages(h.store, { errorText: 'at', limit: 1 })).flat().map((run) => run.id)).toEqual([
      timedOut.id,
      failed.id,
      other.id,
    ]);
  });

  it('listRuns rejects a malformed cursor with a StoreError', async () => {
    await expect(h.store.listRuns({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(StoreError);
  });

  it('listRunning lists running runs in slot order, optionally of one job', async () => {
    const late = await claimed(h.store, { slotMs: T0 + MINUTE });
    const early = await claimed(h.store, { slotMs: T0 });
    const other = await claimed(h.store, { job: 'job-b', slotMs: T0 + 2 * MINUTE });
    await finishedRun(h.store, { slotMs: T0 + 5 * MINUTE, status: 'succeeded', durationMs: 1 });
    expect(ids(await h.store.listRunning())).toEqual([early.id, late.id, other.id]);
    expect(ids(await h.store.listRunning('job-a'))).toEqual([early.id, late.id]);
    expect(await h.store.listRunning('job-c')).toEqual([]);
  });

  it('latestRuns gives the latest run of each job, optionally by status and job', async () => {
    await finishedRun(h.store, { slotMs: T0, status: 'succeeded', durationMs: 1 });
    const aFailed = await finishedRun(h.store, { slotMs: T0 + MINUTE, status: 'failed', durationMs: 1 });
    const aSucceeded = await finishedRun(h.store, { slotMs: T0 - MINUTE, status: 'succeeded', durationMs: 1 });
    const aRunning = await claimed(h.store, { slotMs: T0 + 2 * MINUTE });
    const b = await finishedRun(h.store, { job: 'job-b', slotMs: T0, status: 'succeeded', durationMs: 1 });
    const latest = await h.store.latestRuns();
    expect([...latest.keys()].sort()).toEqual(['job-a', 'job-b']);
    expect(latest.get('job-a')?.id).toBe(aRunning.id);
    expect(latest.get('job-b')).toEqual(b);
    const succeeded = await h.store.latestRuns({ statuses: ['succeeded'] });
    expect(succeeded.get('job-a')?.id).not.toBe(aSucceeded.id);
    expect(succeeded.get('job-a')?.scheduledFor.getTime()).toBe(T0);
    const finished = await h.store.latestRuns({ statuses: ['failed', 'succeeded'], jobs: ['job-a'] });
    expect([...finished.keys()]).toEqual(['job-a']);
    expect(finished.get('job-a')?.id).toBe(aFailed.id);
    expect((await h.store.latestRuns({ jobs: ['nope'] })).size).toBe(0);
  });

  it('lastSlot is the latest schedule or catch-up slot of any status', async () => {
    expect(await h.store.lastSlot('job-a')).toBeUndefined();
    await finishedRun(h.store, { slotMs: T0, status: 'failed', durationMs: 1 });
    await h.store.claimRun(
      claimRequest({ slotMs: T0 + MINUTE, status: 'missed', reason: 'outside-window', trigger: 'catch-up' }),
    );
    await claimed(h.store, { slotMs: T0 + 5 * MINUTE, trigger: 'manual', claimKey: 'manual:x' });
    await claimed(h.store, { slotMs: T0 + 6 * MINUTE, trigger: 'backfill', claimKey: 'backfill:x' });
    await claimed(h.store, { job: 'job-b', slotMs: T0 + 9 * MINUTE });
    expect((await h.store.lastSlot('job-a'))?.getTime()).toBe(T0 + MINUTE);
    const stale = await claimed(h.store, { slotMs: T0 + 2 * MINUTE, leaseMs: 0 });
    await h.store.reapExpiredRuns();
    expect((await h.store.getRun(stale.id))?.status).toBe('abandoned');
    expect((await h.store.lastSlot('job-a'))?.getTime()).toBe(T0 + 2 * MINUTE);
  });
}
