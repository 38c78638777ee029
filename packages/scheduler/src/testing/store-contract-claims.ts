import { expect, it } from 'vitest';
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

  it('getRun of an unknown id gives undefined', async () => {
    expect(await h.store.getRun('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
}
