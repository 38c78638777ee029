import { expect, it } from 'vitest';
import type { StoreChange, StoreWatch } from '../store/types.js';
import { type ContractHarness, claimed, SECOND } from './store-contract-harness.js';

/** Longest wait for a reported change (a database notification crosses the network). */
const REPORT_WITHIN_MS = 5 * SECOND;

/** Collects the changes one watch reports, and waits for the one a test expects. */
class Watcher {
  readonly changes: StoreChange[] = [];
  readonly controller = new AbortController();
  #waiting: (() => void) | undefined;

  readonly listener = (change: StoreChange): void => {
    this.changes.push(change);
    this.#waiting?.();
  };

  /** Resolves with the first change matching `match`, or rejects after {@link REPORT_WITHIN_MS}. */
  async next(what: string, match: (change: StoreChange) => boolean): Promise<StoreChange> {
    const deadline = Date.now() + REPORT_WITHIN_MS;
    for (;;) {
      const found = this.changes.find(match);
      if (found) return found;
      const leftMs = deadline - Date.now();
      if (leftMs <= 0) throw new Error(`expected the store to report ${what} within ${REPORT_WITHIN_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, leftMs);
        this.#waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

const jobChange = (job: string) => (change: StoreChange) => change.kind === 'job' && change.job === job;

/** `Store.watch`, for stores that implement it (the rest of the suite covers polling). */
export function defineWatchContract(h: ContractHarness): void {
  async function watched(): Promise<{ watcher: Watcher; watch: StoreWatch } | undefined> {
    if (!h.store.watch) return undefined;
    const watcher = new Watcher();
    const watch = await h.store.watch(watcher.listener, watcher.controller.signal);
    expect(typeof watch.complete).toBe('boolean');
    return { watcher, watch };
  }

  it('reports job rows written through the store and through another handle', async (ctx) => {
    const subject = await watched();
    if (!subject) return ctx.skip();
    const { watcher } = subject;
    await h.store.reconcileJobs([{ name: 'job-a', schedule: '0 * * * *', timezone: 'UTC' }]);
    await h.store.updateJob('job-a', { paused: true, pauseNote: 'disk swap' });
    await watcher.next('the pause of job-a', jobChange('job-a'));
    expect((await h.store.getJob('job-a'))?.paused).toBe(true);
    const other = await h.another();
    if (!other) return;
    watcher.changes.length = 0;
    await other.updateJob('job-a', { scheduleOverride: '*/5 * * * *' });
    await watcher.next('the override of job-a made through another handle', jobChange('job-a'));
    expect((await h.store.getJob('job-a'))?.scheduleOverride).toBe('*/5 * * * *');
    watcher.controller.abort();
  });

  it('stops reporting to a watcher whose signal aborted', async (ctx) => {
    const first = await watched();
    const second = await watched();
    if (!first || !second) return ctx.skip();
    await h.store.reconcileJobs([{ name: 'job-a', schedule: '0 * * * *', timezone: 'UTC' }]);
    await second.watcher.next('the new row of job-a', jobChange('job-a'));
    first.watcher.controller.abort();
    first.watcher.changes.length = 0;
    second.watcher.changes.length = 0;
    await h.store.updateJob('job-a', { paused: true });
    await second.watcher.next('the pause of job-a', jobChange('job-a'));
    expect(first.watcher.changes).toEqual([]);
    second.watcher.controller.abort();
  });

  it('a complete watch reports every claim with its lease and every final status', async (ctx) => {
    const subject = await watched();
    if (!subject?.watch.complete) return ctx.skip();
    const { watcher } = subject;
    const run = await claimed(h.store);
    const claim = await watcher.next('the claim', (c) => c.kind === 'run' && c.runId === run.id);
    expect(claim).toEqual({
      kind: 'run',
      job: run.job,
      runId: run.id,
      status: 'running',
      leaseExpiresAt: run.leaseExpiresAt,
    });
    const finished = { status: 'succeeded', instanceId: run.instanceId ?? '', finishedAt: new Date() } as const;
    expect(await h.store.finishRun(run.id, finished)).toBe(true);
    const end = await watcher.next('the final status', (c) => c.kind === 'run' && c.status === 'succeeded');
    expect(end).toEqual({ kind: 'run', job: run.job, runId: run.id, status: 'succeeded' });
    watcher.controller.abort();
  });
}
