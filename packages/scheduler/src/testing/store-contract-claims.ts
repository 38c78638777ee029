import { expect, it } from 'vitest';
import { StoreError } from '../core/errors.js';
import type { ClaimResult, RunRecord, Store } from '../store/types.js';
import {
  type ContractHarness,
  claimed,
  claimRequest,
  LONG_LEASE_MS,
  MINUTE,
  SECOND,
  T0,
} from './store-contract-harness.js';

/** Slot claims, leases and takeover. */
export function defineClaimContract(h: ContractHarness): void {
  it('claimRun inserts a running run with a lease from the store clock', async () => {
    const before = (await h.store.now()).getTime();
    const request = claimRequest({ leaseMs: 30 * SECOND, trigger: 'manual', claimKey: 'manual:1' });
    const result = await h.store.claimRun(request);
    const after = (await h.store.now()).getTime();
    expect(result.claimed).toBe(true);
    const run = (result as Extract<ClaimResult, { claimed: true }>).run;
    expect(run).toMatchObject({
      id: request.id,
      job: 'job-a',
      claimKey: 'manual:1',
      trigger: 'manual',
      status: 'running',
      attempts: [],
      instanceId: 'instance-a',
    });
    expect(run.scheduledFor.getTime()).toBe(T0);
    expect(run.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(run.createdAt.getTime()).toBeLessThanOrEqual(after);
    expect(run.leaseExpiresAt?.getTime()).toBe(run.createdAt.getTime() + 30 * SECOND);
    expect(run.heartbeatAt?.getTime()).toBe(run.createdAt.getTime());
    expect(run.finishedAt).toBeUndefined();
    expect(await h.store.getRun(request.id)).toEqual(run);
    expect((result as { abandoned?: RunRecord }).abandoned).toBeUndefined();
  });

  it('a live run holds its (job, claimKey): a second claim gets the holder', async () => {
    const first = await claimed(h.store);
    const again = await h.store.claimRun(claimRequest({ instanceId: 'instance-b' }));
    expect(again).toEqual({ claimed: false, holder: { id: first.id, status: 'running' } });
    await claimed(h.store, { slotMs: T0 + MINUTE });
    await claimed(h.store, { job: 'job-b' });
  });

  it('parallel claims of one slot have exactly one winner', async () => {
    const stores: Store[] = [h.store];
    const other = await h.another();
    if (other) stores.push(other);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (stores[i % stores.length] as Store).claimRun(claimRequest({ instanceId: `instance-${i}` })),
      ),
    );
    const winners = results.filter((result) => result.claimed);
    expect(winners).toHaveLength(1);
    const winnerId = (winners[0] as Extract<ClaimResult, { claimed: true }>).run.id;
    for (const result of results) {
      if (!result.claimed) expect(result.holder).toEqual({ id: winnerId, status: 'running' });
    }
    const page = await h.store.listRuns({ job: 'job-a' });
    expect(page.runs.map((run) => run.id)).toEqual([winnerId]);
  });

  it('a claim that does not inspect the holder learns only that it lost, and leaves an expired holder to the reaper', async () => {
    const first = await claimed(h.store);
    const uninspected = (overrides: Parameters<typeof claimRequest>[0] = {}) =>
      claimRequest({ instanceId: 'instance-b', inspectHolder: false, ...overrides });
    expect(await h.store.claimRun(uninspected())).toEqual({ claimed: false });
    expect((await h.store.getRun(first.id))?.status).toBe('running');

    const stale = await claimed(h.store, { slotMs: T0 + MINUTE, leaseMs: 0 });
    expect(await h.store.claimRun(uninspected({ slotMs: T0 + MINUTE }))).toEqual({ claimed: false });
    expect((await h.store.getRun(stale.id))?.status).toBe('running');
    expect((await h.store.reapExpiredRuns()).abandoned.map((run) => run.id)).toEqual([stale.id]);
    const request = uninspected({ slotMs: T0 + MINUTE });
    const won = await h.store.claimRun(request);
    expect(won.claimed).toBe(true);
    const run = (won as Extract<ClaimResult, { claimed: true }>).run;
    expect(run).toMatchObject({ id: request.id, status: 'running', instanceId: 'instance-b', trigger: 'schedule' });
    expect(await h.store.getRun(request.id)).toEqual(run);
    expect((won as { abandoned?: RunRecord }).abandoned).toBeUndefined();

    const skipped = uninspected({ slotMs: T0 + 2 * MINUTE, status: 'skipped', reason: 'overlap' });
    const recorded = await h.store.claimRun(skipped);
    expect(recorded.claimed && recorded.run).toMatchObject({ status: 'skipped', reason: 'overlap' });
    expect(await h.store.getRun(skipped.id)).toEqual(recorded.claimed ? recorded.run : undefined);
  });

  it('parallel claims that do not inspect the holder have exactly one winner', async () => {
    const stores: Store[] = [h.store];
    const other = await h.another();
    if (other) stores.push(other);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (stores[i % stores.length] as Store).claimRun(
          claimRequest({ instanceId: `instance-${i}`, inspectHolder: false }),
        ),
      ),
    );
    expect(results.filter((result) => result.claimed)).toHaveLength(1);
    expect(results.filter((result) => !result.claimed)).toEqual(Array.from({ length: 23 }, () => ({ claimed: false })));
  });

  it('skipped and missed claims record a finished run that still holds the slot', async () => {
    const skipped = await h.store.claimRun(claimRequest({ status: 'skipped', reason: 'overlap' }));
    expect(skipped.claimed && skipped.run).toMatchObject({ status: 'skipped', reason: 'overlap' });
    const run = skipped.claimed ? skipped.run : undefined;
    expect(run?.finishedAt).toBeInstanceOf(Date);
    const retry = await h.store.claimRun(claimRequest({ instanceId: 'instance-b' }));
    expect(retry.claimed).toBe(false);
    const missed = await h.store.claimRun(
      claimRequest({ slotMs: T0 + MINUTE, status: 'missed', reason: 'outside-window', trigger: 'catch-up' }),
    );
    expect(missed.claimed && missed.run).toMatchObject({
      status: 'missed',
      reason: 'outside-window',
      trigger: 'catch-up',
    });
    expect(await h.store.listRunning()).toEqual([]);
  });

  it('an expired lease is taken over: the holder becomes abandoned', async () => {
    const stale = await claimed(h.store, { leaseMs: 0 });
    const other = (await h.another()) ?? h.store;
    const takeover = await other.claimRun(claimRequest({ instanceId: 'instance-b' }));
    expect(takeover.claimed).toBe(true);
    if (!takeover.claimed) return;
    expect(takeover.abandoned).toMatchObject({ id: stale.id, status: 'abandoned', instanceId: 'instance-a' });
    expect(takeover.run).toMatchObject({ status: 'running', instanceId: 'instance-b' });
    expect((await h.store.getRun(stale.id))?.status).toBe('abandoned');
    expect(await h.store.heartbeat(stale.id, 'instance-a', LONG_LEASE_MS)).toBe(false);
    expect(
      await h.store.finishRun(stale.id, { status: 'succeeded', instanceId: 'instance-a', finishedAt: new Date(T0) }),
    ).toBe(false);
    expect((await h.store.getRun(stale.id))?.status).toBe('abandoned');
    expect((await h.store.listRunning()).map((run) => run.id)).toEqual([takeover.run.id]);
  });

  it('parallel takeovers of one expired lease have exactly one winner', async () => {
    const stale = await claimed(h.store, { leaseMs: 0 });
    const stores: Store[] = [h.store];
    const other = await h.another();
    if (other) stores.push(other);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (stores[i % stores.length] as Store).claimRun(claimRequest({ instanceId: `instance-${i}` })),
      ),
    );
    const winners = results.filter((result) => result.claimed);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.claimed && winners[0].abandoned?.id).toBe(stale.id);
  });

  it('a lease holds until leaseExpiresAt of the store clock, and expires exactly then', async () => {
    await claimed(h.store, { leaseMs: 30 * SECOND });
    const clock = h.fixture.clock;
    await clock?.advance(30 * SECOND - 1);
    expect((await h.store.claimRun(claimRequest({ instanceId: 'instance-b' }))).claimed).toBe(false);
    expect((await h.store.reapExpiredRuns()).abandoned).toEqual([]);
    if (!clock) return; // the database clock cannot be moved: expiry is covered with leaseMs 0
    await clock.advance(1);
    expect((await h.store.claimRun(claimRequest({ instanceId: 'instance-b' }))).claimed).toBe(true);
  });

  it('a finished run is never taken over, whatever its lease', async () => {
    const run = await claimed(h.store, { leaseMs: 0 });
    expect(
      await h.store.finishRun(run.id, { status: 'failed', instanceId: 'instance-a', finishedAt: new Date(T0) }),
    ).toBe(true);
    const again = await h.store.claimRun(claimRequest({ instanceId: 'instance-b' }));
    expect(again).toEqual({ claimed: false, holder: { id: run.id, status: 'failed' } });
    expect((await h.store.reapExpiredRuns()).abandoned).toEqual([]);
  });

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

  it('getRun of an unknown id gives undefined', async () => {
    expect(await h.store.getRun('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
}
