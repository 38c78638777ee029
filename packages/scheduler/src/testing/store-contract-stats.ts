import { expect, it } from 'vitest';
import { type ContractHarness, claimed, claimRequest, finishedRun, ids, MINUTE, T0 } from './store-contract-harness.js';

const WINDOW = { from: new Date(T0), to: new Date(T0 + 100 * MINUTE) };

/** Per-job statistics and retention. */
export function defineStatsContract(h: ContractHarness): void {
  it('jobStats counts by status and computes rates, streaks and nearest-rank percentiles', async () => {
    const s = h.store;
    for (let i = 0; i < 16; i++)
      await finishedRun(s, { slotMs: T0 + i * MINUTE, status: 'succeeded', durationMs: (i + 1) * 10 });
    await finishedRun(s, { slotMs: T0 + 16 * MINUTE, status: 'failed', durationMs: 1000 });
    await finishedRun(s, { slotMs: T0 + 17 * MINUTE, status: 'timed_out', durationMs: 2000 });
    await finishedRun(s, { slotMs: T0 + 18 * MINUTE, status: 'cancelled', durationMs: 3000 });
    await finishedRun(s, { slotMs: T0 + 19 * MINUTE, status: 'failed', durationMs: 4000 });
    await s.claimRun(claimRequest({ slotMs: T0 + 20 * MINUTE, status: 'skipped', reason: 'overlap' }));
    await s.claimRun(claimRequest({ slotMs: T0 + 21 * MINUTE, status: 'skipped', reason: 'circuit-open' }));
    await s.claimRun(claimRequest({ slotMs: T0 + 22 * MINUTE, status: 'missed', reason: 'outside-window' }));
    await claimed(s, { slotMs: T0 + 23 * MINUTE });
    await claimed(s, { slotMs: T0 + 24 * MINUTE, leaseMs: 0 });
    await s.reapExpiredRuns();
    // outside the window: an old slow success and a later failure (streaks and last success use all history)
    await finishedRun(s, { slotMs: T0 - 10 * MINUTE, status: 'succeeded', durationMs: 99_999 });
    await finishedRun(s, { slotMs: T0 + 200 * MINUTE, status: 'failed', durationMs: 5 });
    await finishedRun(s, { job: 'job-b', slotMs: T0 + 30 * MINUTE, status: 'succeeded', durationMs: 7 });

    const stats = await s.jobStats('job-a', WINDOW);
    expect(stats).toEqual({
      job: 'job-a',
      byStatus: {
        succeeded: 16,
        failed: 2,
        timed_out: 1,
        cancelled: 1,
        skipped: 2,
        missed: 1,
        running: 1,
        abandoned: 1,
      },
      total: 21,
      successRate: 16 / 19,
      consecutiveFailures: 4,
      missed: 1,
      skipped: 2,
      durationMs: { p50: 100, p95: 3000, p99: 4000 },
      lastSuccessAt: new Date(T0 + 15 * MINUTE + 160),
    });
  });

  it('jobStats of a window without runs', async () => {
    await finishedRun(h.store, { slotMs: T0 - MINUTE, status: 'failed', durationMs: 5 });
    expect(await h.store.jobStats('job-a', WINDOW)).toEqual({
      job: 'job-a',
      byStatus: {},
      total: 0,
      successRate: undefined,
      consecutiveFailures: 1,
      missed: 0,
      skipped: 0,
      durationMs: { p50: undefined, p95: undefined, p99: undefined },
      lastSuccessAt: undefined,
    });
    const single = await finishedRun(h.store, { slotMs: T0, status: 'succeeded', durationMs: 42 });
    const stats = await h.store.jobStats('job-a', WINDOW);
    expect(stats.durationMs).toEqual({ p50: 42, p95: 42, p99: 42 });
    expect(stats.consecutiveFailures).toBe(0);
    expect(stats.lastSuccessAt).toEqual(single.finishedAt);
  });

  it('pruneRuns keeps the newest finished runs per job and never deletes running runs', async () => {
    const oldRunning = await claimed(h.store, { slotMs: T0 - 60 * MINUTE });
    const a = [];
    for (let i = 0; i < 5; i++)
      a.push(await finishedRun(h.store, { slotMs: T0 + i * MINUTE, status: 'succeeded', durationMs: 1 }));
    const b = [];
    for (let i = 0; i < 3; i++)
      b.push(await finishedRun(h.store, { job: 'job-b', slotMs: T0 + i * MINUTE, status: 'failed', durationMs: 1 }));
    expect(await h.store.pruneRuns({ keepPerJob: 2 })).toBe(4);
    expect(ids((await h.store.listRuns({ job: 'job-a' })).runs)).toEqual([a[4]?.id, a[3]?.id, oldRunning.id]);
    expect(ids((await h.store.listRuns({ job: 'job-b' })).runs)).toEqual([b[2]?.id, b[1]?.id]);
    expect(await h.store.pruneRuns({ keepPerJob: 2 })).toBe(0);
    expect(await h.store.pruneRuns({})).toBe(0);
  });

  it('pruneRuns deletes finished runs older than a date, and applies both limits', async () => {
    const oldRunning = await claimed(h.store, { slotMs: T0 - 60 * MINUTE });
    const oldSkipped = await h.store.claimRun(
      claimRequest({ slotMs: T0 - 30 * MINUTE, status: 'skipped', reason: 'overlap' }),
    );
    expect(oldSkipped.claimed).toBe(true);
    const runs = [];
    for (let i = 0; i < 6; i++)
      runs.push(await finishedRun(h.store, { slotMs: T0 + i * MINUTE, status: 'succeeded', durationMs: 1 }));
    expect(await h.store.pruneRuns({ olderThan: new Date(T0 + 2 * MINUTE) })).toBe(3);
    expect(ids((await h.store.listRuns()).runs)).toEqual([...ids(runs.slice(2).reverse()), oldRunning.id]);
    expect(await h.store.pruneRuns({ olderThan: new Date(T0 + 3 * MINUTE), keepPerJob: 2 })).toBe(2);
    expect(ids((await h.store.listRuns()).runs)).toEqual([runs[5]?.id, runs[4]?.id, oldRunning.id]);
    expect((await h.store.getRun(oldRunning.id))?.status).toBe('running');
  });
}
