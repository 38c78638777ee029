import { describe, expect, it } from 'vitest';
import type { CatchUpOptions, RunRecord, Store } from '../../src/index.js';
import { createMemoryStore, StoreError } from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { allRuns, harness, T0 } from './helpers.js';

const hhmm = (run: RunRecord) => run.scheduledFor.toISOString().slice(11, 16);
const summary = (runs: RunRecord[]) => runs.map((r) => `${hhmm(r)} ${r.trigger} ${r.status}`);

/** A store that throws `StoreError` from every operation while `down` is set (an unreachable database). */
function flaky(inner: Store): { store: Store; setDown(down: boolean): void } {
  let down = false;
  const store = new Proxy(inner, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        down && prop !== 'close'
          ? Promise.reject(new StoreError(String(prop), 'connect ECONNREFUSED (test: store down)'))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
  return { store, setDown: (value) => (down = value) };
}

describe('one wake with missed slots and an on-time slot', () => {
  async function jump(catchUp: CatchUpOptions) {
    await using h = harness([{ name: 'hourly', schedule: '0 * * * *', catchUp }]);
    await h.scheduler.start();
    h.clock.set(T0 + 5 * HOUR); // the wall clock leaps 5 hours (or the process was suspended)
    await h.clock.advance(MINUTE);
    const runs = await allRuns(h.store, 'hourly');
    await h.scheduler.stop();
    return runs;
  }

  it('latest: the catch-up run is not lost to the overlap policy; the on-time slot runs after it', async () => {
    const runs = await jump({ policy: 'latest' });
    expect(summary(runs)).toEqual([
      '01:00 catch-up missed',
      '02:00 catch-up missed',
      '03:00 catch-up missed',
      '04:00 catch-up succeeded',
      '05:00 schedule succeeded',
    ]);
    expect(runs[4]!.startedAt!.getTime()).toBeGreaterThanOrEqual(runs[3]!.finishedAt!.getTime());
  });

  it('all: every chosen catch-up slot runs, then the on-time one', async () => {
    const runs = await jump({ policy: 'all', max: 2 });
    expect(summary(runs).slice(2)).toEqual([
      '03:00 catch-up succeeded',
      '04:00 catch-up succeeded',
      '05:00 schedule succeeded',
    ]);
  });
});

describe('a slot due while the store is unreachable', () => {
  async function outage(downForMs: number) {
    const clock = createFakeClock(T0);
    const { store, setDown } = flaky(createMemoryStore({ clock }));
    const h = harness([{ name: 'hourly', schedule: '0 * * * *', catchUp: { policy: 'latest' } }], { clock, store });
    const errors: string[] = [];
    h.scheduler.on('scheduler:operation-failed', (event) => errors.push(event.operation));
    await h.scheduler.start();
    await clock.advanceTo(T0 + HOUR + 30 * MINUTE); // 01:00 runs
    setDown(true);
    await clock.advance(downForMs); // 02:00 comes due while the store fails
    setDown(false);
    await clock.advance(2 * MINUTE);
    return { h, errors, [Symbol.asyncDispose]: () => h[Symbol.asyncDispose]() };
  }

  it('goes through the catch-up policy once the store answers again, without a restart', async () => {
    await using run = await outage(40 * MINUTE);
    const { h, errors } = run;
    expect(errors.some((operation) => operation.startsWith('slot of "hourly"'))).toBe(true);
    expect(summary(await allRuns(h.store, 'hourly'))).toEqual(['01:00 schedule succeeded', '02:00 catch-up succeeded']);
    await h.clock.advanceTo(T0 + 3 * HOUR + SECOND);
    expect(summary(await allRuns(h.store, 'hourly')).at(-1)).toBe('03:00 schedule succeeded');
    await h.scheduler.stop();
  });

  it('a short outage: the slot runs as soon as the store answers (normally: at most 60 s late)', async () => {
    await using run = await outage(30 * MINUTE + 20 * SECOND);
    const { h } = run;
    const runs = await allRuns(h.store, 'hourly');
    expect(summary(runs)).toEqual(['01:00 schedule succeeded', '02:00 schedule succeeded']);
    // Recovery retries 1 s, 2 s, 4 s... after the failure, capped at 60 s: the slot starts within a minute.
    expect(runs[1]!.startedAt!.getTime() - (T0 + 2 * HOUR + 20 * SECOND)).toBeLessThanOrEqual(MINUTE);
    await h.scheduler.stop();
  });

  it('is caught up by a restart too (the gap after the last recorded slot)', async () => {
    const clock = createFakeClock(T0);
    await using memory = createMemoryStore({ clock });
    const { store, setDown } = flaky(memory);
    await using first = harness([{ name: 'hourly', schedule: '0 * * * *' }], { clock, store });
    await first.scheduler.start();
    await clock.advanceTo(T0 + HOUR + 30 * MINUTE);
    setDown(true);
    await clock.advance(35 * MINUTE);
    await first.scheduler.stop();
    setDown(false);
    await using second = harness([{ name: 'hourly', schedule: '0 * * * *', catchUp: { policy: 'latest' } }], {
      clock,
      store: memory,
    });
    await second.scheduler.start();
    await clock.advance(SECOND);
    expect(summary(await allRuns(memory, 'hourly'))).toEqual(['01:00 schedule succeeded', '02:00 catch-up succeeded']);
    await second.scheduler.stop();
  });
});
