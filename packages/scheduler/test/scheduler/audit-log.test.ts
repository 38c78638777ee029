// What the scheduler records in the store's audit log: deploys (reconcile at start), operator actions, retention.
import { describe, expect, it } from 'vitest';
import { type AuditEntry, createMemoryStore, InvalidScheduleError, type Store } from '../../src/index.js';
import { createFakeClock, DAY, HOUR, MINUTE } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

/** The whole log, oldest first, without ids (compared as values). */
async function auditLog(store: Store): Promise<Omit<AuditEntry, 'id'>[]> {
  const { entries } = await store.listAudit({ limit: 1000 });
  return entries.reverse().map(({ id: _id, ...entry }) => entry);
}

const nightly = { name: 'nightly', schedule: '0 3 * * *' };
const hourly = { name: 'hourly', schedule: '0 * * * *', description: 'every hour' };

describe('audit log', () => {
  it('start() records each job a deploy creates, changes or removes (actor deploy); an unchanged restart and plan() record nothing', async () => {
    const clock = createFakeClock(T0);
    const store = createMemoryStore({ clock });
    {
      await using h = harness([nightly, hourly], { store, clock, instanceId: 'i-1' });
      await h.scheduler.start();
      expect(await auditLog(store)).toEqual([
        {
          at: new Date(T0),
          actor: 'deploy',
          action: 'job.created',
          job: 'hourly',
          after: { schedule: '0 * * * *', timezone: 'UTC', description: 'every hour', dependsOn: [], paused: false },
          instanceId: 'i-1',
        },
        {
          at: new Date(T0),
          actor: 'deploy',
          action: 'job.created',
          job: 'nightly',
          after: { schedule: '0 3 * * *', timezone: 'UTC', dependsOn: [], paused: false },
          instanceId: 'i-1',
        },
      ]);
      await h.scheduler.pause('nightly', { note: 'disk swap', actor: 'ops' });
    }
    {
      await clock.advance(HOUR);
      await using h = harness([nightly, hourly], { store, clock, instanceId: 'i-2' });
      await h.scheduler.start();
      expect(await store.listAudit({ actor: 'deploy' })).toMatchObject({ entries: { length: 2 } });
    }
    await clock.advance(HOUR);
    await using h = harness([{ ...nightly, schedule: '30 3 * * *' }], {
      store,
      clock,
      instanceId: 'i-3',
      removeUnknownJobs: true,
    });
    expect((await h.scheduler.plan()).changed).toEqual([{ name: 'nightly', fields: ['schedule'] }]);
    expect((await store.listAudit({ actor: 'deploy' })).entries).toHaveLength(2);
    await h.scheduler.start();
    const deploys = (await auditLog(store)).filter((entry) => entry.actor === 'deploy').slice(2);
    expect(deploys).toEqual([
      {
        at: new Date(T0 + 2 * HOUR),
        actor: 'deploy',
        action: 'job.changed',
        job: 'nightly',
        before: { schedule: '0 3 * * *', timezone: 'UTC', dependsOn: [], paused: true, pauseNote: 'disk swap' },
        after: { schedule: '30 3 * * *', timezone: 'UTC', dependsOn: [], paused: true, pauseNote: 'disk swap' },
        note: 'changed: schedule',
        instanceId: 'i-3',
      },
      {
        at: new Date(T0 + 2 * HOUR),
        actor: 'deploy',
        action: 'job.removed',
        job: 'hourly',
        before: { schedule: '0 * * * *', timezone: 'UTC', description: 'every hour', dependsOn: [], paused: false },
        instanceId: 'i-3',
      },
    ]);
  });

  it('pause, resume and overrideSchedule record the actor, the note and the job before and after; the default actor is api', async () => {
    await using h = harness([nightly], { instanceId: 'i-1' });
    await h.scheduler.start();
    await h.clock.advance(MINUTE);
    await h.scheduler.pause('nightly', { note: 'disk swap', actor: 'cli:alice' });
    await h.clock.advance(MINUTE);
    await h.scheduler.overrideSchedule('nightly', '15 4 * * *', { actor: 'ops-token', note: 'after the backup' });
    expect(await h.scheduler.nextRuns('nightly', 1)).toEqual([new Date(T0 + 4 * HOUR + 15 * MINUTE)]);
    await h.clock.advance(MINUTE);
    await h.scheduler.resume('nightly');
    await h.scheduler.overrideSchedule('nightly', null, { actor: 'ops-token' });
    expect(await h.scheduler.nextRuns('nightly', 1)).toEqual([new Date(T0 + 3 * HOUR)]);
    const base = { schedule: '0 3 * * *', timezone: 'UTC', dependsOn: [] };
    const paused = { ...base, paused: true, pauseNote: 'disk swap' };
    const overridden = { ...paused, scheduleOverride: '15 4 * * *' };
    const operator = (await auditLog(h.store)).filter((entry) => entry.actor !== 'deploy');
    expect(operator).toEqual([
      {
        at: new Date(T0 + MINUTE),
        actor: 'cli:alice',
        action: 'job.paused',
        job: 'nightly',
        before: { ...base, paused: false },
        after: paused,
        note: 'disk swap',
        instanceId: 'i-1',
      },
      {
        at: new Date(T0 + 2 * MINUTE),
        actor: 'ops-token',
        action: 'job.schedule-overridden',
        job: 'nightly',
        before: paused,
        after: overridden,
        note: 'after the backup',
        instanceId: 'i-1',
      },
      {
        at: new Date(T0 + 3 * MINUTE),
        actor: 'api',
        action: 'job.resumed',
        job: 'nightly',
        before: overridden,
        after: { ...base, paused: false, scheduleOverride: '15 4 * * *' },
        instanceId: 'i-1',
      },
      {
        at: new Date(T0 + 3 * MINUTE),
        actor: 'ops-token',
        action: 'job.schedule-cleared',
        job: 'nightly',
        before: { ...base, paused: false, scheduleOverride: '15 4 * * *' },
        after: { ...base, paused: false },
        instanceId: 'i-1',
      },
    ]);
  });

  it('an override that does not parse is refused before anything is written or recorded', async () => {
    await using h = harness([nightly]);
    await h.scheduler.start();
    await expect(h.scheduler.overrideSchedule('nightly', '61 * * * *', { actor: 'ops' })).rejects.toBeInstanceOf(
      InvalidScheduleError,
    );
    expect((await h.store.getJob('nightly'))?.scheduleOverride).toBeUndefined();
    expect((await h.store.listAudit({ actor: 'ops' })).entries).toEqual([]);
  });

  it('trigger and backfill record who asked, before the runs', async () => {
    await using h = harness([nightly, { name: 'report', schedule: '0 6 * * *', dependsOn: ['nightly'] }]);
    await h.scheduler.start();
    const run = await h.scheduler.trigger('report', { withDependencies: true, actor: 'cli:bob' });
    expect(run.status).toBe('succeeded');
    const runs = await h.scheduler.backfill('nightly', {
      from: new Date(T0 - 3 * DAY),
      to: new Date(T0 - DAY + 3 * HOUR),
      actor: 'ops-token',
    });
    expect(runs).toHaveLength(3);
    const operator = (await auditLog(h.store)).filter((entry) => entry.actor !== 'deploy');
    expect(operator.map(({ actor, action, job, after }) => ({ actor, action, job, after }))).toEqual([
      { actor: 'cli:bob', action: 'job.triggered', job: 'report', after: { withDependencies: true } },
      {
        actor: 'ops-token',
        action: 'job.backfilled',
        job: 'nightly',
        after: {
          from: new Date(T0 - 3 * DAY).toISOString(),
          to: new Date(T0 - DAY + 3 * HOUR).toISOString(),
          slots: 3,
        },
      },
    ]);
  });

  it('entries older than auditRetentionMs are pruned by maintenance; nothing newer', async () => {
    await using h = harness([hourly], { auditRetentionMs: 2 * DAY });
    await h.scheduler.start();
    await h.scheduler.pause('hourly', { actor: 'ops' });
    await h.scheduler.resume('hourly', { actor: 'ops' });
    await h.clock.advance(DAY + HOUR);
    await h.scheduler.pause('hourly', { actor: 'ops' });
    expect((await h.store.listAudit()).entries).toHaveLength(4);
    await h.clock.advance(DAY);
    expect((await h.store.listAudit()).entries).toHaveLength(4); // pruned at T0 + 2 days: nothing older than T0
    await h.clock.advance(DAY);
    // the daily prune at T0 + 3 days removed what was older than T0 + 1 day (deploy, pause, resume)
    expect((await auditLog(h.store)).map((entry) => [entry.action, entry.at])).toEqual([
      ['job.paused', new Date(T0 + DAY + HOUR)],
    ]);
  });

  it('a store that cannot record the entry fails no action: the failure is reported', async () => {
    const store = createMemoryStore();
    const failing = new Proxy(store, {
      get(target, key) {
        if (key === 'appendAudit') return async () => Promise.reject(new Error('audit table is gone'));
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await using h = harness([nightly], { store: failing });
    const failures: string[] = [];
    h.scheduler.on('scheduler:operation-failed', ({ operation, error }) =>
      failures.push(`${operation}: ${error.message}`),
    );
    await h.scheduler.start();
    await h.scheduler.pause('nightly', { actor: 'ops' });
    expect((await store.getJob('nightly'))?.paused).toBe(true);
    expect(failures).toEqual([
      'audit log entry "job.created" of "nightly": audit table is gone',
      'audit log entry "job.paused" of "nightly": audit table is gone',
    ]);
  });
});
