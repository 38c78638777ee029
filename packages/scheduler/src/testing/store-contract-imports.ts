import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ImportedRun, Store } from '../store/types.js';
import { type ContractHarness, claimRequest, MINUTE, SECOND, T0 } from './store-contract-harness.js';

function imported(index: number, overrides: Partial<ImportedRun> = {}): ImportedRun {
  const slotMs = T0 + index * MINUTE;
  return {
    id: randomUUID(),
    job: 'sql-job',
    scheduledFor: new Date(slotMs),
    claimKey: `ext:${index}`,
    status: 'succeeded',
    startedAt: new Date(slotMs + 10),
    finishedAt: new Date(slotMs + 2 * SECOND),
    result: 'ANALYZE',
    instanceId: 'pg_cron',
    ...overrides,
  };
}

/** Bulk import of runs that happened elsewhere (optional: skipped for a store without `importRuns`). */
export function defineImportContract(h: ContractHarness): void {
  it('importRuns records finished runs with one attempt, and each claim key once', async () => {
    const importRuns = h.store.importRuns?.bind(h.store);
    if (!importRuns) return;
    const failed = imported(1, { status: 'failed', result: undefined, error: { name: 'Error', message: 'boom' } });
    const first = await importRuns([imported(0), failed]);
    expect(first.map((run) => run.claimKey)).toEqual(['ext:0', 'ext:1']);
    const again = await importRuns([imported(0), imported(2)]);
    expect(again.map((run) => run.claimKey)).toEqual(['ext:2']);
    const { runs } = await h.store.listRuns({ job: 'sql-job' });
    expect(runs.map((run) => [run.claimKey, run.status])).toEqual([
      ['ext:2', 'succeeded'],
      ['ext:1', 'failed'],
      ['ext:0', 'succeeded'],
    ]);
    const stored = await h.store.getRun(first[1]!.id);
    expect(stored).toEqual(first[1]);
    expect(stored).toMatchObject({
      trigger: 'schedule',
      durationMs: 2 * SECOND - 10,
      error: { message: 'boom' },
      attempts: [{ attempt: 1, status: 'failed', error: { message: 'boom' } }],
    });
  });

  it('importRuns leaves a slot another run holds, and two stores importing at once insert each run once', async () => {
    const importRuns = h.store.importRuns?.bind(h.store);
    if (!importRuns) return;
    await h.store.claimRun(claimRequest({ job: 'sql-job', claimKey: 'ext:0', status: 'missed' }));
    const other = (await h.another()) ?? h.store;
    const batch = Array.from({ length: 50 }, (_, i) => imported(i));
    const [a, b] = await Promise.all([
      importRuns(batch),
      (other as Required<Pick<Store, 'importRuns'>>).importRuns(batch.map((run) => ({ ...run, id: randomUUID() }))),
    ]);
    expect(a.length + b.length).toBe(49);
    expect((await h.store.listRuns({ job: 'sql-job', limit: 100 })).runs).toHaveLength(50);
  });
}
