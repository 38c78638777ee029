import { expect, it } from 'vitest';
import { StoreError } from '../core/errors.js';
import {
  type ContractHarness,
  claimed,
  claimRequest,
  LONG_LEASE_MS,
  MINUTE,
  SECOND,
  T0,
} from './store-contract-harness.js';

/** What the owner of a held run writes (heartbeats, attempts, the outcome), and reaping expired runs. */
export function defineRunWriteContract(h: ContractHarness): void {
  it('heartbeat extends the lease from the store clock and keeps progress', async () => {
    const run = await claimed(h.store, { leaseMs: 0 });
    expect(await h.store.heartbeat(run.id, 'instance-a', LONG_LEASE_MS, { done: 3, of: 10 })).toBe(true);
    const beaten = await h.store.getRun(run.id);
    expect(beaten?.progress).toEqual({ done: 3, of: 10 });
    expect(beaten?.leaseExpiresAt?.getTime()).toBe((beaten?.heartbeatAt?.getTime() ?? 0) + LONG_LEASE_MS);
    expect(beaten?.heartbeatAt?.getTime()).toBeGreaterThanOrEqual(run.createdAt.getTime());
    expect((await h.store.claimRun(claimRequest({ instanceId: 'instance-b' }))).claimed).toBe(false);
    expect(await h.store.heartbeat(run.id, 'instance-a', LONG_LEASE_MS)).toBe(true);
    expect((await h.store.getRun(run.id))?.progress).toEqual({ done: 3, of: 10 });
    if (h.fixture.clock) {
      await h.fixture.clock.advance(MINUTE);
      await h.store.heartbeat(run.id, 'instance-a', 5 * SECOND);
      const later = await h.store.getRun(run.id);
      expect(later?.heartbeatAt?.getTime()).toBe(h.fixture.clock.now());
      expect(later?.leaseExpiresAt?.getTime()).toBe(h.fixture.clock.now() + 5 * SECOND);
    }
  });

  it('only the owner of a running run can heartbeat, record attempts or finish it', async () => {
    const run = await claimed(h.store);
    const attempt = { attempt: 1, startedAt: new Date(T0), finishedAt: new Date(T0 + 5), status: 'failed' as const };
    expect(await h.store.heartbeat(run.id, 'intruder', LONG_LEASE_MS, 'x')).toBe(false);
    expect(await h.store.recordAttempt(run.id, 'intruder', attempt)).toBe(false);
    const finish = { status: 'succeeded' as const, instanceId: 'intruder', finishedAt: new Date(T0 + 10) };
    expect(await h.store.finishRun(run.id, finish)).toBe(false);
    expect(await h.store.getRun(run.id)).toEqual(run);
    expect(await h.store.heartbeat('00000000-0000-4000-8000-000000000000', 'instance-a', 1)).toBe(false);
    expect(await h.store.finishRun(run.id, { ...finish, instanceId: 'instance-a' })).toBe(true);
    expect(await h.store.finishRun(run.id, { ...finish, instanceId: 'instance-a', status: 'failed' })).toBe(false);
    expect(await h.store.recordAttempt(run.id, 'instance-a', attempt)).toBe(false);
    expect(await h.store.heartbeat(run.id, 'instance-a', LONG_LEASE_MS)).toBe(false);
    expect((await h.store.getRun(run.id))?.status).toBe('succeeded');
  });

  it('recordAttempt keeps every attempt with its error (and whether its worker was killed); finishRun writes the outcome', async () => {
    const run = await claimed(h.store);
    const cause = { name: 'TypeError', message: 'fetch failed', code: 'ECONNRESET' };
    const error = { name: 'Error', message: 'upstream 503', stack: 'Error: upstream 503\n    at x', cause };
    const first = {
      attempt: 1,
      startedAt: new Date(T0 + 100),
      finishedAt: new Date(T0 + 350),
      status: 'timed_out' as const,
      error,
      killed: true,
    };
    const second = {
      attempt: 2,
      startedAt: new Date(T0 + 1350),
      finishedAt: new Date(T0 + 1600),
      status: 'succeeded' as const,
    };
    expect(await h.store.recordAttempt(run.id, 'instance-a', first)).toBe(true);
    expect(await h.store.recordAttempt(run.id, 'instance-a', second)).toBe(true);
    const result = { rows: 102, batches: ['b1'], nested: { ok: true, none: null } };
    const done = await h.store.finishRun(run.id, {
      status: 'succeeded',
      instanceId: 'instance-a',
      finishedAt: new Date(T0 + 1600),
      result,
      reason: 'second try',
    });
    expect(done).toBe(true);
    const stored = await h.store.getRun(run.id);
    expect(stored?.attempts).toEqual([first, second]);
    expect(stored).toMatchObject({ status: 'succeeded', result, reason: 'second try', durationMs: 1500 });
    expect(stored?.startedAt?.getTime()).toBe(T0 + 100);
    expect(stored?.finishedAt?.getTime()).toBe(T0 + 1600);
    expect(stored?.error).toBeUndefined();
  });

  it('finishRun keeps the final error of a failed run', async () => {
    const run = await claimed(h.store);
    const error = { name: 'JobTimeoutError', code: 'JOB_TIMEOUT', message: 'Job "job-a" timed out after 50 ms.' };
    await h.store.recordAttempt(run.id, 'instance-a', {
      attempt: 1,
      startedAt: new Date(T0),
      finishedAt: new Date(T0 + 50),
      status: 'timed_out',
      error,
    });
    await h.store.finishRun(run.id, {
      status: 'timed_out',
      instanceId: 'instance-a',
      finishedAt: new Date(T0 + 50),
      error,
    });
    expect(await h.store.getRun(run.id)).toMatchObject({ status: 'timed_out', error, durationMs: 50 });
  });

  it('a result JSON cannot hold is a StoreError and leaves the run running', async () => {
    const run = await claimed(h.store);
    const finish = { status: 'succeeded' as const, instanceId: 'instance-a', finishedAt: new Date(T0 + 5) };
    await expect(h.store.finishRun(run.id, { ...finish, result: { big: 10n } })).rejects.toBeInstanceOf(StoreError);
    expect((await h.store.getRun(run.id))?.status).toBe('running');
    expect(await h.store.finishRun(run.id, { ...finish, result: { big: '10' } })).toBe(true);
  });

  it('reapExpiredRuns abandons each expired running run once and frees its slot', async () => {
    const expired = await claimed(h.store, { leaseMs: 0 });
    const live = await claimed(h.store, { slotMs: T0 + MINUTE });
    const skipped = await h.store.claimRun(
      claimRequest({ slotMs: T0 + 2 * MINUTE, status: 'skipped', reason: 'overlap' }),
    );
    expect(skipped.claimed).toBe(true);
    const other = (await h.another()) ?? h.store;
    const [a, b, c] = await Promise.all([
      h.store.reapExpiredRuns(),
      other.reapExpiredRuns(),
      h.store.reapExpiredRuns(),
    ]);
    const reaped = [...a.abandoned, ...b.abandoned, ...c.abandoned];
    expect(reaped.map((run) => run.id)).toEqual([expired.id]);
    expect(reaped[0]).toMatchObject({ status: 'abandoned', job: 'job-a' });
    expect((await h.store.reapExpiredRuns()).abandoned).toEqual([]);
    expect((await h.store.getRun(live.id))?.status).toBe('running');
    const again = await h.store.claimRun(claimRequest({ instanceId: 'instance-b' }));
    expect(again.claimed).toBe(true);
    expect(again.claimed && again.abandoned).toBeUndefined();
  });

  it('reapExpiredRuns reports the next lease expiry among running runs, or none', async () => {
    expect((await h.store.reapExpiredRuns()).nextLeaseExpiresAt).toBeUndefined();
    const late = await claimed(h.store, { leaseMs: LONG_LEASE_MS, slotMs: T0 + MINUTE });
    const soon = await claimed(h.store, { leaseMs: 30 * SECOND });
    expect(soon.leaseExpiresAt && late.leaseExpiresAt && soon.leaseExpiresAt < late.leaseExpiresAt).toBe(true);
    const first = await h.store.reapExpiredRuns();
    expect(first.abandoned).toEqual([]);
    expect(first.nextLeaseExpiresAt?.getTime()).toBe(soon.leaseExpiresAt?.getTime());
    const finish = { status: 'succeeded' as const, instanceId: 'instance-a', finishedAt: new Date(T0 + 5) };
    expect(await h.store.finishRun(soon.id, finish)).toBe(true);
    expect((await h.store.reapExpiredRuns()).nextLeaseExpiresAt?.getTime()).toBe(late.leaseExpiresAt?.getTime());
    expect(await h.store.finishRun(late.id, finish)).toBe(true);
    expect((await h.store.reapExpiredRuns()).nextLeaseExpiresAt).toBeUndefined();
  });
}
