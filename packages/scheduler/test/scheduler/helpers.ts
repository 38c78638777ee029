import type { JobOptions, RunRecord, Scheduler, SchedulerOptions, Store } from '../../src/index.js';
import { createMemoryStore, createScheduler, defineJob } from '../../src/index.js';
import { createFakeClock, type FakeClock } from '../../src/testing.js';

/** A Sunday, midnight UTC: the reference instant of the engine tests. */
export const T0 = Date.parse('2026-03-01T00:00:00.000Z');

/** Disposing it stops the scheduler, then closes the store if the harness created it. */
interface Harness extends AsyncDisposable {
  clock: FakeClock;
  store: Store;
  scheduler: Scheduler;
  /** Every final record, in the order they finished. */
  finished: RunRecord[];
  ran(job: string): RunRecord[];
}

type JobInput = Omit<JobOptions, 'run'> & Partial<Pick<JobOptions, 'run'>>;

/** A scheduler on a fake clock and a memory store sharing that clock. */
export function harness(
  jobs: JobInput[],
  options: Partial<SchedulerOptions> & { start?: number; clock?: FakeClock; store?: Store } = {},
): Harness {
  const clock = options.clock ?? createFakeClock(options.start ?? T0);
  const store = options.store ?? createMemoryStore({ clock });
  const scheduler = createScheduler({
    ...options,
    clock,
    store,
    jobs: jobs.map((job) => defineJob({ run: () => 'ok', ...job })),
  });
  const finished: RunRecord[] = [];
  scheduler.on('run:finished', ({ run }) => finished.push(run));
  return {
    clock,
    store,
    scheduler,
    finished,
    ran: (job) => finished.filter((run) => run.job === job && run.status !== 'skipped' && run.status !== 'missed'),
    async [Symbol.asyncDispose]() {
      await scheduler.stop();
      if (!options.store) await store.close();
    },
  };
}

export async function allRuns(store: Store, job?: string): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRuns({ ...(job ? { job } : {}), limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.runs);
    cursor = page.nextCursor;
  } while (cursor);
  return out.reverse();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
