/**
 * pg_cron's own executions, end to end: the jobs run every minute, so this waits for the next
 * minute (at most about 60 s of real time, the only such wait in the suite) and for the
 * `run:finished` events of both jobs, while two instances poll.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/index.js';
import { until } from '../alerts/helpers.js';
import { PgCronWorld, pgCronSkipReason, SECOND } from './harness.js';

const jobs = [
  { name: 'every-minute', schedule: '* * * * *', sql: 'SELECT 1' },
  { name: 'always-fails', schedule: '* * * * *', sql: 'SELECT 1/0' },
];

describe.skipIf(pgCronSkipReason())('pg_cron runs the jobs (real pg_cron, real minute)', () => {
  const world = new PgCronWorld();
  beforeAll(() => world.open(), 60_000);
  afterAll(() => world.close());
  afterEach(() => world.afterEach());

  it('the next minute: each job ran once, recorded once by two polling instances; the failure alerts', async () => {
    const store = world.store();
    const a = await world.scheduler(world.source(jobs, { pollIntervalMs: 200 }), store, { instanceId: 'a' });
    const b = await world.scheduler(world.source(jobs, { pollIntervalMs: 200 }), store, { instanceId: 'b' });
    const finished = (): RunRecord[] => [...a.finished, ...b.finished];
    await until(
      () => jobs.every((job) => finished().some((run) => run.job === job.name)),
      () =>
        `both jobs recorded (so far: ${
          finished()
            .map((run) => run.job)
            .join(', ') || 'none'
        })`,
      80 * SECOND,
    );
    await until(
      () => [...a.alerts, ...b.alerts].some((alert) => alert.kind === 'failure'),
      () => 'a failure alert',
    );
    const ok = (await store.listRuns({ job: 'every-minute' })).runs;
    const failed = (await store.listRuns({ job: 'always-fails' })).runs;
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(ok[0]).toMatchObject({ status: 'succeeded', result: 'SELECT 1', instanceId: 'pg_cron' });
    expect(failed[0]).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('division by zero') },
    });
    // pg_cron starts a minute's jobs at that minute.
    expect(ok[0]?.scheduledFor.getUTCSeconds()).toBe(0);
    expect(finished().filter((run) => run.job === 'every-minute')).toHaveLength(1);
  }, 100_000);
});
