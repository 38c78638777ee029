/** Reconciling pg_cron jobs into a real pg_cron's `cron.job`: prefix, changes, pause, override, two instances. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, InvalidScheduleError } from '../../src/index.js';
import { PgCronWorld, pgCronSkipReason } from './harness.js';

const analyze = { name: 'analyze-cards', schedule: '30 4 * * *', sql: 'ANALYZE' };
const vacuum = { name: 'vacuum-sets', schedule: '0 5 * * 0', sql: 'VACUUM' };

describe.skipIf(pgCronSkipReason())('pg_cron reconcile (real pg_cron)', () => {
  const world = new PgCronWorld();
  beforeAll(() => world.open(), 60_000);
  afterAll(() => world.close());
  afterEach(() => world.afterEach());

  it('creates the jobs under the prefix, leaves other jobs alone, and a second reconcile changes nothing', async () => {
    await world.admin.query(`SELECT cron.schedule('hand-made', '0 1 * * *', 'SELECT 1')`);
    await world.admin.query(`SELECT cron.schedule('test-not-a-prefix', '0 2 * * *', 'SELECT 2')`);
    const store = world.store();
    const first = await world.scheduler(world.source([analyze, vacuum]), store);
    expect(first.plan.added).toEqual(['analyze-cards', 'vacuum-sets']);
    const plan = await first.scheduler.plan();
    expect(plan.external).toEqual([{ source: 'pg_cron', changes: [] }]);
    expect(plan.jobs.map((job) => [job.name, job.schedule, job.state])).toEqual([
      ['analyze-cards', '30 4 * * *', 'active'],
      ['vacuum-sets', '0 5 * * 0', 'active'],
    ]);
    const rows = await world.cronJobs();
    expect(rows.map((row) => [row.jobname, row.schedule, row.command, row.active])).toEqual([
      ['hand-made', '0 1 * * *', 'SELECT 1', true],
      ['test-not-a-prefix', '0 2 * * *', 'SELECT 2', true],
      ['test:analyze-cards', '30 4 * * *', 'ANALYZE', true],
      ['test:vacuum-sets', '0 5 * * 0', 'VACUUM', true],
    ]);
    await first.scheduler.stop();
    const second = await world.scheduler(world.source([analyze, vacuum]), store);
    expect((await second.scheduler.plan()).external[0]?.changes).toEqual([]);
    expect(await world.cronJobs()).toEqual(rows);
  });

  it('renames, reschedules and removes: plan says so first, start applies it, keeping a changed job its id', async () => {
    const store = world.store();
    await (await world.scheduler(world.source([analyze, vacuum]), store)).scheduler.stop();
    const before = new Map((await world.cronJobs()).map((row) => [row.jobname, row.jobid]));
    const next = world.source([
      { ...analyze, schedule: '45 4 * * *', sql: 'ANALYZE cards' },
      { ...vacuum, name: 'vacuum-catalogue' },
    ]);
    const { scheduler, plan } = await world.scheduler(next, store);
    expect(plan.added).toEqual(['vacuum-catalogue']);
    const rows = await world.cronJobs();
    expect(rows.map((row) => [row.jobname, row.schedule, row.command])).toEqual([
      ['test:analyze-cards', '45 4 * * *', 'ANALYZE cards'],
      ['test:vacuum-catalogue', '0 5 * * 0', 'VACUUM'],
    ]);
    expect(rows[0]?.jobid).toBe(before.get('test:analyze-cards'));
    expect((await scheduler.plan()).external[0]?.changes).toEqual([]);
    // Each change to cron.job is in the audit log, by `deploy`, with the row before and after.
    const audit = (await store.listAudit()).entries.filter((entry) => entry.note?.startsWith('pg_cron:'));
    expect(audit.map((entry) => [entry.actor, entry.action, entry.job, entry.note])).toEqual([
      ['deploy', 'job.removed', 'vacuum-sets', 'pg_cron: cron.job "test:vacuum-sets"'],
      ['deploy', 'job.created', 'vacuum-catalogue', 'pg_cron: cron.job "test:vacuum-catalogue"'],
      ['deploy', 'job.changed', 'analyze-cards', 'pg_cron: cron.job "test:analyze-cards" (schedule, command)'],
      ['deploy', 'job.created', 'vacuum-sets', 'pg_cron: cron.job "test:vacuum-sets"'],
      ['deploy', 'job.created', 'analyze-cards', 'pg_cron: cron.job "test:analyze-cards"'],
    ]);
    expect(audit[2]).toMatchObject({
      before: { schedule: '30 4 * * *', command: 'ANALYZE' },
      after: { schedule: '45 4 * * *', command: 'ANALYZE cards' },
    });
  });

  it('shows the changes in plan() before starting, without writing', async () => {
    const store = world.store();
    await (await world.scheduler(world.source([analyze]), store)).scheduler.stop();
    const { createScheduler } = await import('../../src/index.js');
    const source = world.source([{ ...analyze, schedule: '0 6 * * *' }, vacuum]);
    const scheduler = createScheduler({ jobs: [], externalJobs: [source], store, keepAlive: false });
    try {
      const plan = await scheduler.plan();
      expect(plan.external).toEqual([
        {
          source: 'pg_cron',
          changes: [
            { job: 'analyze-cards', action: 'change', fields: ['schedule'] },
            { job: 'vacuum-sets', action: 'add' },
          ],
        },
      ]);
      expect((await world.cronJobs()).map((row) => row.schedule)).toEqual(['30 4 * * *']);
    } finally {
      await scheduler.stop();
      await source.stop();
    }
  });

  it('pause and resume set the job inactive and active; a schedule override becomes its schedule', async () => {
    const store = world.store();
    const { scheduler } = await world.scheduler(world.source([analyze]), store);
    await scheduler.pause('analyze-cards', { note: 'disk swap' });
    expect((await world.cronJobs())[0]?.active).toBe(false);
    expect((await scheduler.status())[0]?.state).toBe('paused');
    await scheduler.resume('analyze-cards');
    expect((await world.cronJobs())[0]?.active).toBe(true);
    await scheduler.overrideSchedule('analyze-cards', '15 3 * * *', { actor: 'ops' });
    expect((await world.cronJobs())[0]?.schedule).toBe('15 3 * * *');
    expect((await scheduler.plan()).jobs[0]).toMatchObject({ schedule: '15 3 * * *', overridden: true });
    // Another instance starting later keeps the operator's schedule in cron.job.
    const other = await world.scheduler(world.source([analyze]), store);
    expect(other.plan.added).toEqual([]);
    expect((await other.scheduler.plan()).external[0]?.changes).toEqual([]);
    await scheduler.overrideSchedule('analyze-cards', null);
    expect((await world.cronJobs())[0]?.schedule).toBe('30 4 * * *');
  });

  it('two instances starting at once create each job once (advisory lock)', async () => {
    const store = world.store();
    const jobs = Array.from({ length: 8 }, (_, i) => ({
      name: `job-${i}`,
      schedule: `${i} 1 * * *`,
      sql: `SELECT ${i}`,
    }));
    const results = await Promise.all(
      ['a', 'b', 'c'].map((instanceId) => world.scheduler(world.source(jobs), store, { instanceId })),
    );
    const rows = await world.cronJobs();
    expect(rows.map((row) => row.jobname)).toEqual(jobs.map((job) => `test:${job.name}`));
    expect(results.every((result) => result.scheduler)).toBe(true);
  });

  it('refuses what pg_cron 1.4 cannot run: seconds schedules and other timezones, naming the job and version', async () => {
    const store = world.store();
    const seconds = world.source([{ name: 'fast', schedule: '30 seconds', sql: 'SELECT 1' }]);
    const error = await world.scheduler(seconds, store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidScheduleError);
    expect((error as Error).message).toMatch(/"fast".*needs pg_cron 1\.5 or later.*1\.4/);
    const paris = world.source([{ ...analyze, timezone: 'Europe/Paris' }]);
    const zoned = await world.scheduler(paris, store).catch((e: unknown) => e);
    expect((zoned as Error).message).toMatch(/"analyze-cards": timezone "Europe\/Paris".*reads every schedule in GMT/);
    expect(await world.cronJobs()).toEqual([]);
  });

  it('says when the database has no pg_cron, and refuses trigger and backfill of a pg_cron job', async () => {
    const { createScheduler } = await import('../../src/index.js');
    const { definePgCronJob, pgCronJobs } = await import('../../src/pg-cron.js');
    const source = pgCronJobs({ connection: { connectionString: world.storeUrl }, jobs: [definePgCronJob(analyze)] });
    const scheduler = createScheduler({ jobs: [], externalJobs: [source], store: world.store(), keepAlive: false });
    try {
      const error = await scheduler.plan().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as Error).message).toMatch(/database "scheduler_store" has no pg_cron extension/);
      await expect(scheduler.trigger('analyze-cards')).rejects.toThrow(/runs in pg_cron, not in the scheduler/);
      await expect(scheduler.backfill('analyze-cards', { from: new Date(0), to: new Date(1) })).rejects.toThrow(
        /runs in pg_cron/,
      );
    } finally {
      await scheduler.stop();
      await source.stop();
    }
  });

  it("readiness: pg_cron's launcher is running", async () => {
    const source = world.source([analyze]);
    await world.scheduler(source, world.store());
    expect(await source.launcherRunning()).toBe(true);
  });
});
