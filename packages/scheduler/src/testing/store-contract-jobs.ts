import { expect, it } from 'vitest';
import { StoreError } from '../core/errors.js';
import type { JobSpec } from '../store/types.js';
import { type ContractHarness, MINUTE } from './store-contract-harness.js';

const ALPHA: JobSpec = { name: 'alpha', schedule: '*/5 * * * *', timezone: 'UTC', description: 'first' };
const BETA: JobSpec = { name: 'beta', schedule: '0 3 * * *', timezone: 'Europe/Paris', dependsOn: ['alpha'] };

/** Lifecycle, job reconciliation and operator state. */
export function defineJobContract(h: ContractHarness): void {
  it('init() is idempotent and now() gives the store clock', async () => {
    await h.store.init();
    const now = await h.store.now();
    expect(now).toBeInstanceOf(Date);
    expect(Number.isFinite(now.getTime())).toBe(true);
    if (h.fixture.clock) expect(now.getTime()).toBe(h.fixture.clock.now());
  });

  it('reconcileJobs adds new jobs with default operator state', async () => {
    const plan = await h.store.reconcileJobs([BETA, ALPHA]);
    expect(plan).toEqual({ added: ['alpha', 'beta'], changed: [], removed: [], unchanged: [] });
    const jobs = await h.store.listJobs();
    expect(jobs.map((job) => job.name)).toEqual(['alpha', 'beta']);
    const beta = await h.store.getJob('beta');
    expect(beta).toMatchObject({ ...BETA, paused: false, circuit: { state: 'closed', consecutiveFailures: 0 } });
    expect(beta?.scheduleOverride).toBeUndefined();
    expect(beta?.createdAt).toBeInstanceOf(Date);
    expect(beta?.updatedAt.getTime()).toBe(beta?.createdAt.getTime());
    expect((await h.store.getJob('alpha'))?.dependsOn ?? []).toEqual([]);
    expect(await h.store.getJob('nope')).toBeUndefined();
  });

  it('listJobs with updatedSince gives only the rows changed at or after that instant', async () => {
    await h.store.reconcileJobs([ALPHA, BETA]);
    const all = await h.store.listJobs();
    const since = new Date(Math.max(...all.map((job) => job.updatedAt.getTime())) + 1);
    // wait (a millisecond or two) until the store's clock passes it
    if (h.fixture.clock) await h.fixture.clock.advance(1);
    else while ((await h.store.now()).getTime() < since.getTime()) await new Promise((r) => setTimeout(r, 1));
    expect(await h.store.listJobs({ updatedSince: since })).toEqual([]);
    await h.store.updateJob('beta', { paused: true, pauseNote: 'maintenance' });
    const changed = await h.store.listJobs({ updatedSince: since });
    expect(changed.map((job) => [job.name, job.paused])).toEqual([['beta', true]]);
    expect(changed[0]?.updatedAt.getTime()).toBeGreaterThanOrEqual(since.getTime());
    expect((await h.store.listJobs({ updatedSince: all[0]?.updatedAt })).map((job) => job.name)).toEqual([
      'alpha',
      'beta',
    ]);
    expect((await h.store.listJobs()).map((job) => job.name)).toEqual(['alpha', 'beta']);
  });

  it('reconcileJobs reports changed fields and keeps operator state', async () => {
    await h.store.reconcileJobs([ALPHA, BETA]);
    const circuit = { state: 'open' as const, openedAt: new Date('2026-03-01T10:00:00Z'), consecutiveFailures: 4 };
    await h.store.updateJob('alpha', {
      paused: true,
      pauseNote: 'upstream down',
      scheduleOverride: '0 * * * *',
      circuit,
    });
    await h.fixture.clock?.advance(MINUTE);
    const plan = await h.store.reconcileJobs([{ ...ALPHA, schedule: '*/10 * * * *', description: 'changed' }, BETA]);
    expect(plan).toEqual({
      added: [],
      changed: [{ name: 'alpha', fields: ['schedule', 'description'] }],
      removed: [],
      unchanged: ['beta'],
    });
    const alpha = await h.store.getJob('alpha');
    expect(alpha).toMatchObject({
      schedule: '*/10 * * * *',
      description: 'changed',
      paused: true,
      pauseNote: 'upstream down',
      scheduleOverride: '0 * * * *',
      circuit,
    });
    const createdMs = alpha?.createdAt.getTime() ?? Number.POSITIVE_INFINITY;
    if (h.fixture.clock) expect(alpha?.updatedAt.getTime()).toBe(h.fixture.clock.now());
    if (h.fixture.clock) expect(alpha?.updatedAt.getTime()).toBeGreaterThan(createdMs);
    else expect(alpha?.updatedAt.getTime()).toBeGreaterThanOrEqual(createdMs);
  });

  it('reconcileJobs compares timezone and dependsOn, and clears a removed description', async () => {
    await h.store.reconcileJobs([ALPHA, BETA]);
    const plan = await h.store.reconcileJobs([
      { name: 'alpha', schedule: ALPHA.schedule, timezone: 'UTC' },
      { ...BETA, timezone: 'UTC', dependsOn: [] },
    ]);
    expect(plan.changed).toEqual([
      { name: 'alpha', fields: ['description'] },
      { name: 'beta', fields: ['timezone', 'dependsOn'] },
    ]);
    expect((await h.store.getJob('alpha'))?.description).toBeUndefined();
    expect((await h.store.getJob('beta'))?.dependsOn ?? []).toEqual([]);
  });

  it('reconcileJobs with dryRun reports without writing', async () => {
    await h.store.reconcileJobs([ALPHA]);
    const plan = await h.store.reconcileJobs([{ ...ALPHA, schedule: '1 * * * *' }, BETA], { dryRun: true });
    expect(plan).toEqual({
      added: ['beta'],
      changed: [{ name: 'alpha', fields: ['schedule'] }],
      removed: [],
      unchanged: [],
    });
    expect((await h.store.listJobs()).map((job) => [job.name, job.schedule])).toEqual([['alpha', ALPHA.schedule]]);
  });

  it('reconcileJobs lists jobs missing from the code and deletes them only with removeMissing', async () => {
    await h.store.reconcileJobs([ALPHA, BETA]);
    const kept = await h.store.reconcileJobs([ALPHA]);
    expect(kept).toEqual({ added: [], changed: [], removed: ['beta'], unchanged: ['alpha'] });
    expect(await h.store.getJob('beta')).toBeDefined();
    const dry = await h.store.reconcileJobs([ALPHA], { removeMissing: true, dryRun: true });
    expect(dry.removed).toEqual(['beta']);
    expect(await h.store.getJob('beta')).toBeDefined();
    const removed = await h.store.reconcileJobs([ALPHA], { removeMissing: true });
    expect(removed.removed).toEqual(['beta']);
    expect(await h.store.getJob('beta')).toBeUndefined();
  });

  it('reconcileJobs rejects two specs with one name', async () => {
    await expect(h.store.reconcileJobs([ALPHA, { ...ALPHA }])).rejects.toBeInstanceOf(StoreError);
    expect(await h.store.listJobs()).toEqual([]);
  });

  it('updateJob applies a patch, null clears, unknown jobs give undefined', async () => {
    await h.store.reconcileJobs([ALPHA]);
    const paused = await h.store.updateJob('alpha', {
      paused: true,
      pauseNote: 'maintenance',
      scheduleOverride: '0 0 * * *',
    });
    expect(paused).toMatchObject({ paused: true, pauseNote: 'maintenance', scheduleOverride: '0 0 * * *' });
    const resumed = await h.store.updateJob('alpha', { paused: false, pauseNote: null, scheduleOverride: null });
    expect(resumed?.paused).toBe(false);
    expect(resumed?.pauseNote).toBeUndefined();
    expect(resumed?.scheduleOverride).toBeUndefined();
    expect(resumed?.schedule).toBe(ALPHA.schedule);
    const untouched = await h.store.updateJob('alpha', {});
    expect(untouched).toMatchObject({ paused: false, circuit: { state: 'closed', consecutiveFailures: 0 } });
    expect(await h.store.getJob('alpha')).toEqual(untouched);
    expect(await h.store.updateJob('nope', { paused: true })).toBeUndefined();
    expect(await h.store.getJob('nope')).toBeUndefined();
  });

  it('updateJob stores the circuit state and is seen by another instance', async () => {
    await h.store.reconcileJobs([ALPHA]);
    const circuit = {
      state: 'half-open' as const,
      openedAt: new Date('2026-03-01T01:02:03.456Z'),
      consecutiveFailures: 5,
    };
    await h.store.updateJob('alpha', { circuit });
    const other = (await h.another()) ?? h.store;
    expect((await other.getJob('alpha'))?.circuit).toEqual(circuit);
    await h.store.updateJob('alpha', { circuit: { state: 'closed', consecutiveFailures: 0 } });
    expect((await other.getJob('alpha'))?.circuit).toEqual({ state: 'closed', consecutiveFailures: 0 });
  });
}
