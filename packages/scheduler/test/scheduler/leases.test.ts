import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import type { Clock, Store } from '../../src/index.js';
import { createMemoryStore, StoreError } from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { allRuns, harness, T0 } from './helpers.js';

/** The real memory store seen through a network link that can be cut: while cut, every call fails. */
function partitionable(store: Store): { store: Store; cut: (down: boolean) => void } {
  let down = false;
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (down) return Promise.reject(new StoreError(String(key), 'connection lost (test partition)'));
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, cut: (value) => (down = value) };
}

describe('leases across instances sharing one store', () => {
  it('an instance that loses its lease aborts its run (lease-lost); another takes the slot over and runs it', async () => {
    const clock = createFakeClock(T0);
    await using shared = createMemoryStore({ clock });
    const link = partitionable(shared);
    let reasonSeenByA: unknown;
    await using a = harness(
      [
        {
          name: 'sync',
          schedule: '0 * * * *',
          timeoutMs: 30 * MINUTE,
          run: async (ctx) => {
            try {
              await sleep(clock, 10 * MINUTE, { signal: ctx.signal });
            } catch (error) {
              reasonSeenByA = error;
              throw error;
            }
          },
        },
      ],
      { clock, store: link.store, instanceId: 'a', leaseMs: 30 * SECOND },
    );
    await using b = harness([{ name: 'sync', schedule: '0 0 1 1 *', run: () => 'taken over' }], {
      clock,
      store: shared,
      instanceId: 'b',
      leaseMs: 30 * SECOND,
    });
    const abandoned: string[] = [];
    b.scheduler.on('run:abandoned', (e) => abandoned.push(e.run.instanceId ?? ''));
    await a.scheduler.start();
    await b.scheduler.start();
    await clock.advance(60 * MINUTE + 5 * SECOND);
    expect((await shared.listRunning()).map((r) => r.instanceId)).toEqual(['a']);
    link.cut(true);
    await clock.advance(MINUTE);
    expect(abandoned).toEqual(['a']);
    link.cut(false);
    await clock.advance(MINUTE);
    expect(reasonSeenByA).toMatchObject({ name: 'JobCancelledError', reason: 'lease-lost' });
    const runs = (await allRuns(shared, 'sync')).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
    expect(runs.map((r) => [r.claimKey, r.instanceId, r.status])).toEqual([
      ['2026-03-01T01:00:00.000Z', 'a', 'abandoned'],
      ['2026-03-01T01:00:00.000Z', 'b', 'succeeded'],
    ]);
    expect(runs[1]?.result).toBe('taken over');
    expect(await shared.listRunning()).toEqual([]);
    await a.scheduler.stop();
    await b.scheduler.stop();
  });

  it('recovers the slot of an instance that died (expired lease): marked abandoned and re-run once', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    await store.init();
    await store.claimRun({
      id: '00000000-0000-4000-8000-000000000001',
      job: 'sync',
      scheduledFor: new Date(T0),
      claimKey: new Date(T0).toISOString(),
      trigger: 'schedule',
      instanceId: 'dead',
      leaseMs: 30 * SECOND,
    });
    await using b = harness([{ name: 'sync', schedule: '0 * * * *' }], {
      clock,
      store,
      instanceId: 'b',
      leaseMs: 30 * SECOND,
    });
    await using c = harness([{ name: 'sync', schedule: '0 * * * *' }], {
      clock,
      store,
      instanceId: 'c',
      leaseMs: 30 * SECOND,
    });
    await b.scheduler.start();
    await c.scheduler.start();
    await clock.advance(MINUTE);
    const runs = await allRuns(store, 'sync');
    expect(runs.map((r) => [r.instanceId, r.status])).toEqual([
      ['dead', 'abandoned'],
      [expect.stringMatching(/^[bc]$/), 'succeeded'],
    ]);
    await b.scheduler.stop();
    await c.scheduler.stop();
  });

  it("wakes at the lease expiry the store reports: a dead instance's slot is re-run then, not at the next poll", async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    await store.init();
    await store.claimRun({
      id: '00000000-0000-4000-8000-000000000002',
      job: 'sync',
      scheduledFor: new Date(T0),
      claimKey: new Date(T0).toISOString(),
      trigger: 'schedule',
      instanceId: 'dead',
      leaseMs: 45 * SECOND,
    });
    // polls every 10 minutes and has no slot for an hour: only the reported expiry can wake it
    await using b = harness([{ name: 'sync', schedule: '0 * * * *' }], {
      clock,
      store,
      instanceId: 'b',
      leaseMs: 10 * MINUTE,
    });
    await b.scheduler.start();
    await clock.advance(45 * SECOND - 1);
    expect((await store.listRunning()).map((r) => r.instanceId)).toEqual(['dead']);
    await clock.advance(1);
    const runs = await allRuns(store, 'sync');
    expect(runs.map((r) => [r.instanceId, r.status, r.finishedAt?.getTime()])).toEqual([
      ['dead', 'abandoned', T0 + 45 * SECOND],
      ['b', 'succeeded', T0 + 45 * SECOND],
    ]);
    await b.scheduler.stop();
  });

  it('two instances on one store run each slot exactly once', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    const make = (id: string) =>
      harness([{ name: 'tick', schedule: '*/10 * * * * *' }], { clock, store, instanceId: id });
    await using a = make('a');
    await using b = make('b');
    await a.scheduler.start();
    await b.scheduler.start();
    await clock.advance(10 * MINUTE);
    const runs = await allRuns(store, 'tick');
    expect(runs).toHaveLength(60);
    expect(new Set(runs.map((r) => r.claimKey)).size).toBe(60);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    await a.scheduler.stop();
    await b.scheduler.stop();
  });

  it("a slot claimed at its own time does not read the holder when it loses; a trigger's claim does", async () => {
    const clock = createFakeClock(T0);
    await using shared = createMemoryStore({ clock });
    const claims: { trigger: string; inspectHolder: boolean | undefined; claimed: boolean }[] = [];
    const store = new Proxy(shared, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== 'claimRun') return typeof value === 'function' ? value.bind(target) : value;
        return async (request: Parameters<Store['claimRun']>[0]) => {
          const result = await target.claimRun(request);
          claims.push({ trigger: request.trigger, inspectHolder: request.inspectHolder, claimed: result.claimed });
          return result;
        };
      },
    });
    const make = (id: string) =>
      harness([{ name: 'tick', schedule: '*/10 * * * *' }], { clock, store, instanceId: id });
    await using a = make('a');
    await using b = make('b');
    await a.scheduler.start();
    await b.scheduler.start();
    await clock.advance(10 * MINUTE);
    const scheduled = claims.filter((claim) => claim.trigger === 'schedule');
    expect(scheduled.map((claim) => claim.claimed).sort()).toEqual([false, true]);
    expect(scheduled.every((claim) => claim.inspectHolder === false)).toBe(true);
    await a.scheduler.trigger('tick');
    expect(claims.at(-1)).toEqual({ trigger: 'manual', inspectHolder: true, claimed: true });
  });

  it('evaluates slots in store time when the local clock is skewed, and warns (clock:skew-detected)', async () => {
    const local = createFakeClock(T0);
    const storeClock: Clock = {
      now: () => local.now() + 10 * SECOND,
      setTimeout: (callback, delayMs) => local.setTimeout(callback, delayMs),
      clearTimeout: (handle) => local.clearTimeout(handle),
    };
    const warnings: string[] = [];
    const noop = (): void => {};
    await using h = harness([{ name: 'minute', schedule: '* * * * *' }], {
      clock: local,
      store: createMemoryStore({ clock: storeClock }),
      logger: { debug: noop, info: noop, error: noop, warn: (m) => warnings.push(m) },
    });
    const skews: number[] = [];
    const startedAtLocal: number[] = [];
    h.scheduler.on('clock:skew-detected', (e) => skews.push(e.offsetMs));
    h.scheduler.on('run:started', (e) => startedAtLocal.push(local.now() - e.scheduledFor.getTime()));
    await h.scheduler.start();
    await local.advance(50 * SECOND);
    expect(skews).toEqual([10 * SECOND]);
    expect(warnings.some((w) => w.includes('store clock'))).toBe(true);
    // Slot 00:01:00 (store time) ran when the local clock read 00:00:50.
    expect(startedAtLocal).toEqual([-10 * SECOND]);
    await h.scheduler.stop();
  });
  it('retries recording the outcome through a short store outage, so the slot is not run twice', async () => {
    const clock = createFakeClock(T0);
    await using shared = createMemoryStore({ clock });
    const link = partitionable(shared);
    await using h = harness(
      [{ name: 'sync', schedule: '0 * * * *', run: (ctx) => sleep(clock, 10 * SECOND, { signal: ctx.signal }) }],
      {
        clock,
        store: link.store,
        leaseMs: 30 * SECOND,
      },
    );
    const retries: number[] = [];
    h.scheduler.on('scheduler:operation-failed', (e) => {
      if (e.operation === 'finishRun') retries.push(e.retryInMs);
    });
    await h.scheduler.start();
    await clock.advance(HOUR + 5 * SECOND);
    link.cut(true);
    await clock.advance(7 * SECOND);
    link.cut(false);
    await clock.advance(MINUTE);
    expect(retries).toEqual([1_000, 2_000]);
    const runs = await allRuns(shared, 'sync');
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    await h.scheduler.stop();
  });
});
