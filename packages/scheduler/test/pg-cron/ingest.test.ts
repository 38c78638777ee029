/**
 * Recording pg_cron's executions in history, against a real pg_cron: rows are written into
 * `cron.job_run_details` as pg_cron writes them, so minutes of executions take milliseconds
 * (the fake clock stands for the scheduler's time). The job's schedule (every minute of
 * 1 January) keeps pg_cron itself from running it during the test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/testing.js';
import { until } from '../alerts/helpers.js';
import { MINUTE, PgCronWorld, pgCronSkipReason, SECOND } from './harness.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const job = { name: 'analyze-cards', schedule: '* * 1 1 *', sql: 'ANALYZE' };
const minutes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => T0 + (from + i) * MINUTE);

describe.skipIf(pgCronSkipReason())('pg_cron executions in history (real pg_cron)', () => {
  const world = new PgCronWorld();
  beforeAll(() => world.open(), 60_000);
  afterAll(() => world.close());
  afterEach(() => world.afterEach());

  async function twoInstances() {
    const clock = createFakeClock(T0 - 30 * SECOND);
    const store = world.store(clock);
    const sources = [world.source([job]), world.source([job])];
    const a = await world.scheduler(sources[0]!, store, { clock, instanceId: 'a' });
    const b = await world.scheduler(sources[1]!, store, { clock, instanceId: 'b' });
    return { clock, store, sources, a, b };
  }

  it('records every execution once, with its outcome, while two instances ingest; a failure alerts', async () => {
    const { clock, store, sources, a, b } = await twoInstances();
    const failedAt = T0 + 7 * MINUTE;
    // pg_cron on a busy server starts a minute's job a little after it: still that minute's run.
    const lateMs = new Map([
      [T0 + 3 * MINUTE, 1_300],
      [T0 + 11 * MINUTE, 42_000],
    ]);
    for (const slotMs of minutes(0, 29)) {
      const failed = slotMs === failedAt;
      const startMs = slotMs + (lateMs.get(slotMs) ?? 0);
      await world.insertRuns('test:analyze-cards', [{ startMs, ...(failed ? { status: 'failed' as const } : {}) }]);
      await clock.advanceTo(Math.max(slotMs + 40 * SECOND, startMs));
      await Promise.all(sources.map((source) => source.ingest()));
    }
    const { runs } = await store.listRuns({ job: 'analyze-cards', limit: 100 });
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((run) => run.claimKey)).size).toBe(30);
    expect(runs.map((run) => run.scheduledFor.getTime()).reverse()).toEqual(minutes(0, 29));
    // (The harness writes each start 3 ms after the time it is given.)
    expect(runs.find((run) => run.scheduledFor.getTime() === T0 + 11 * MINUTE)?.startedAt?.getTime()).toBe(
      T0 + 11 * MINUTE + 42_003,
    );
    expect(runs.filter((run) => run.status === 'succeeded')).toHaveLength(29);
    const failed = runs.find((run) => run.status === 'failed');
    expect(failed).toMatchObject({
      scheduledFor: new Date(failedAt),
      trigger: 'schedule',
      instanceId: 'pg_cron',
      durationMs: 25,
      error: { name: 'PgCronError', message: 'ERROR:  division by zero' },
    });
    expect(runs.find((run) => run.status === 'succeeded')?.result).toBe('ANALYZE');
    // Each run reached the alert rules once, through whichever instance recorded it.
    expect(a.finished.length + b.finished.length).toBe(30);
    await until(
      () => [...a.alerts, ...b.alerts].some((alert) => alert.kind === 'failure'),
      () => 'a failure alert',
    );
    const failures = [...a.alerts, ...b.alerts].filter((alert) => alert.kind === 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ job: 'analyze-cards', error: expect.stringContaining('division by zero') });
    const [status] = await a.scheduler.status();
    expect(status).toMatchObject({ name: 'analyze-cards', lastFailure: { id: failed?.id } });
    expect((await store.jobStats('analyze-cards', { from: new Date(T0), to: new Date(T0 + HOUR) })).total).toBe(30);
  });

  it('pages through more executions than one read takes, in runid order (9 before 10), each once', async () => {
    const { store, sources } = await twoInstances();
    const count = 12_345;
    await world.admin.query(
      `INSERT INTO cron.job_run_details (jobid, job_pid, database, username, command, status, return_message, start_time, end_time)
SELECT j.jobid, 1, j.database, j.username, j.command, 'succeeded', 'ANALYZE', $2::timestamptz + i * interval '1 minute',
  $2::timestamptz + i * interval '1 minute' + interval '1 second'
FROM cron.job j, generate_series(0, $1 - 1) AS i WHERE j.jobname = 'test:analyze-cards'`,
      [count, new Date(T0)],
    );
    expect(await sources[0]!.ingest()).toBe(count);
    expect(await sources[1]!.ingest()).toBe(0);
    const stats = await store.jobStats('analyze-cards', { from: new Date(T0), to: new Date(T0 + count * MINUTE) });
    expect(stats.byStatus).toEqual({ succeeded: count });
  });

  it('a restart of the database mid-way: no execution twice, the slots it did not run recorded missed and alerted', async () => {
    const { clock, store, sources, a, b } = await twoInstances();
    await world.insertRuns(
      'test:analyze-cards',
      minutes(0, 4).map((startMs) => ({ startMs })),
    );
    await clock.advanceTo(T0 + 5 * MINUTE);
    await Promise.all(sources.map((source) => source.ingest()));
    await world.cluster.restart();
    // The pools' connections died with the server: the first pass may fail, the next one reconnects.
    await world.insertRuns(
      'test:analyze-cards',
      minutes(8, 9).map((startMs) => ({ startMs })),
    );
    await clock.advanceTo(T0 + 11 * MINUTE + 30 * SECOND);
    for (const source of sources) await source.ingest().catch(() => source.ingest());
    await Promise.all(sources.map((source) => source.ingest()));
    const { runs } = await store.listRuns({ job: 'analyze-cards', limit: 100 });
    const byStatus = (status: string) =>
      runs
        .filter((run) => run.status === status)
        .map((run) => run.scheduledFor.getTime())
        .sort();
    expect(byStatus('succeeded')).toEqual([...minutes(0, 4), ...minutes(8, 9)]);
    expect(byStatus('missed')).toEqual(minutes(5, 7));
    expect(runs.find((run) => run.status === 'missed')?.reason).toBe('pg_cron did not run it');
    expect(runs).toHaveLength(10);
    await clock.advance(2 * SECOND);
    await until(
      () => [...a.alerts, ...b.alerts].some((alert) => alert.kind === 'missed'),
      () => 'a missed alert',
    );
    expect((await store.jobStats('analyze-cards', { from: new Date(T0), to: new Date(T0 + HOUR) })).missed).toBe(3);
  });

  it('a paused job has no missed slots; an execution still running is recorded when it ends', async () => {
    const { clock, store, sources, a } = await twoInstances();
    await a.scheduler.pause('analyze-cards');
    await clock.advanceTo(T0 + 10 * MINUTE);
    await sources[0]!.ingest();
    expect((await store.listRuns({ job: 'analyze-cards' })).runs).toEqual([]);
    await a.scheduler.resume('analyze-cards');
    await world.insertRuns('test:analyze-cards', [{ startMs: T0 + 10 * MINUTE }]);
    await world.admin.query(`UPDATE cron.job_run_details SET status = 'running', end_time = NULL`);
    await world.insertRuns('test:analyze-cards', [{ startMs: T0 + 11 * MINUTE }]);
    await clock.advanceTo(T0 + 11 * MINUTE + 30 * SECOND);
    await sources[0]!.ingest();
    expect((await store.listRuns({ job: 'analyze-cards' })).runs.map((run) => run.scheduledFor.getTime())).toEqual([
      T0 + 11 * MINUTE,
    ]);
    await world.admin.query(
      `UPDATE cron.job_run_details SET status = 'succeeded', end_time = start_time + interval '2 seconds' WHERE status = 'running'`,
    );
    await sources[1]!.ingest();
    const runs = (await store.listRuns({ job: 'analyze-cards' })).runs;
    expect(runs.map((run) => [run.scheduledFor.getTime(), run.status, run.durationMs])).toEqual([
      [T0 + 11 * MINUTE, 'succeeded', 25],
      [T0 + 10 * MINUTE, 'succeeded', 2_000],
    ]);
  });

  it('purges executions of the prefixed jobs past retention, and only those', async () => {
    const clock = createFakeClock(T0);
    const source = world.source([job]);
    await world.scheduler(source, world.store(clock), { clock });
    await world.admin.query(`SELECT cron.schedule('hand-made', '* * 1 1 *', 'SELECT 1')`);
    const old = T0 - 100 * 24 * 60 * MINUTE;
    await world.insertRuns('test:analyze-cards', [{ startMs: old }, { startMs: T0 - MINUTE }]);
    await world.insertRuns('hand-made', [{ startMs: old }]);
    expect(await source.purge()).toBe(1);
    const { rows } = await world.admin.query(
      `SELECT j.jobname, d.start_time FROM cron.job_run_details d JOIN cron.job j USING (jobid) ORDER BY d.start_time`,
    );
    expect(rows.map((row: { jobname: string; start_time: Date }) => [row.jobname, row.start_time.getTime()])).toEqual([
      ['hand-made', old + 3],
      ['test:analyze-cards', T0 - MINUTE + 3],
    ]);
  });
});

const HOUR = 60 * MINUTE;
