import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import type { Clock, Store, TimerHandle } from '../../src/index.js';
import { createMemoryStore, createScheduler, defineJob, StoreError } from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { allRuns, harness, T0 } from './helpers.js';

describe('operations', () => {
  it('honours a schedule override written to the store by another instance', async () => {
    await using h = harness([{ name: 'report', schedule: '0 * * * *' }], { leaseMs: 30 * SECOND });
    await h.scheduler.start();
    await h.store.updateJob('report', { scheduleOverride: '*/15 * * * *' });
    await h.clock.advance(HOUR);
    const slots = h.ran('report').map((r) => (r.scheduledFor.getTime() - T0) / MINUTE);
    expect(slots).toEqual([15, 30, 45, 60]);
    expect((await h.scheduler.status())[0]?.schedule).toBe('*/15 * * * *');
    await h.scheduler.stop();
  });

  it('an idle poll of a store that does not report its changes reads only the job rows changed since the previous one', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    const rowsPerPoll: number[] = [];
    const counting = new Proxy(store, {
      get(target, key) {
        if (key === 'watch') return undefined; // a store that must be polled
        if (key === 'listJobs') {
          return async (options?: Parameters<Store['listJobs']>[0]) => {
            const rows = await target.listJobs(options);
            rowsPerPoll.push(rows.length);
            return rows;
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const jobs = Array.from({ length: 50 }, (_, i) => ({ name: `job-${i}`, schedule: '0 0 1 1 *' }));
    await using h = harness(jobs, { clock, store: counting, pollIntervalMs: 30 * SECOND });
    await h.scheduler.start(); // reads the empty table (the audit log's `before`), reconciles: 50 rows added at T0
    await h.scheduler.stop();
    await clock.advance(SECOND);
    await using restarted = harness(jobs, { clock, store: counting, pollIntervalMs: 30 * SECOND });
    await restarted.scheduler.start(); // reads the 50 rows once (their operator state)
    expect(rowsPerPoll).toEqual([0, 50]);
    await clock.advance(2 * MINUTE);
    expect(rowsPerPoll).toEqual([0, 50, 0, 0, 0, 0]); // a poll every 30 s finds nothing changed
    await store.updateJob('job-7', { paused: true });
    await clock.advance(30 * SECOND);
    expect(rowsPerPoll.at(-1)).toBe(1);
    expect((await restarted.scheduler.status()).find((job) => job.name === 'job-7')?.state).toBe('paused');
    await clock.advance(MINUTE);
    expect(rowsPerPoll.slice(-2)).toEqual([0, 0]);
    await restarted.scheduler.stop();
  });

  it('ctx.heartbeat(progress) records progress on the run', async () => {
    let progressWhileRunning: unknown;
    await using h = harness([
      {
        name: 'long',
        schedule: '0 * * * *',
        run: async (ctx) => {
          await ctx.heartbeat({ done: 5, of: 10 });
          progressWhileRunning = (await h.store.getRun(ctx.runId))?.progress;
          await sleep(h.clock, MINUTE, { signal: ctx.signal });
        },
      },
    ]);
    await h.scheduler.start();
    await h.clock.advance(HOUR + 2 * MINUTE);
    expect(progressWhileRunning).toEqual({ done: 5, of: 10 });
    expect(h.ran('long')[0]?.status).toBe('succeeded');
    await h.scheduler.stop();
  });

  it('jitter delays a start by at most jitterMs and never past the next slot', async () => {
    const lateness: number[] = [];
    await using h = harness([{ name: 'herd', schedule: '*/10 * * * * *', jitterMs: HOUR }]);
    h.scheduler.on('run:started', (e) => lateness.push(e.latenessMs));
    await h.scheduler.start();
    await h.clock.advance(10 * MINUTE);
    expect(lateness.length).toBeGreaterThan(50);
    expect(Math.max(...lateness)).toBeLessThan(10 * SECOND);
    expect(new Set(lateness).size).toBeGreaterThan(1);
    await h.scheduler.stop();
  });

  it('trigger(name, { signal }) cancels the run with reason user', async () => {
    await using h = harness([
      { name: 'manual', schedule: '0 0 1 1 *', run: (ctx) => sleep(h.clock, HOUR, { signal: ctx.signal }) },
    ]);
    await h.scheduler.start();
    const controller = new AbortController();
    const pending = h.scheduler.trigger('manual', { signal: controller.signal });
    await h.clock.advance(MINUTE);
    controller.abort();
    const record = await pending;
    expect(record).toMatchObject({ status: 'cancelled', reason: 'user', trigger: 'manual' });
    await h.scheduler.stop();
  });

  it('a failing store: background errors are reported with a growing retry delay, the timer does not spin, and it recovers', async () => {
    const clock = createFakeClock(T0);
    await using real = createMemoryStore({ clock });
    let down = false;
    const store = new Proxy(real, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          down ? Promise.reject(new StoreError(String(key), 'database unreachable (test)')) : value.apply(target, args);
      },
    }) as Store;
    await using h = harness([{ name: 'tick', schedule: '* * * * *' }], { clock, store, leaseMs: 30 * SECOND });
    const errors: number[] = [];
    h.scheduler.on('scheduler:operation-failed', (e) => {
      if (e.retryInMs > 0) errors.push(e.retryInMs);
    });
    await h.scheduler.start();
    await clock.advance(2 * MINUTE);
    down = true;
    await clock.advance(5 * MINUTE);
    expect(errors.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000]);
    // A timer spinning on a past target would never let the fake clock's advance() return.
    expect(errors.length).toBeLessThan(30);
    down = false;
    await clock.advance(3 * MINUTE);
    const slots = (await allRuns(real, 'tick')).map((r) => (r.scheduledFor.getTime() - T0) / MINUTE);
    expect(slots.slice(0, 2)).toEqual([1, 2]);
    expect(slots.slice(-2)).toEqual([9, 10]);
    await h.scheduler.stop();
  });
  it("keeps the process alive while started (ref'd wake timer) unless keepAlive is false", async () => {
    for (const keepAlive of [true, false]) {
      const fake = createFakeClock(T0);
      const inner = new Map<TimerHandle, TimerHandle>();
      const unrefd = new Set<TimerHandle>();
      const created: TimerHandle[] = [];
      const clock: Clock = {
        now: () => fake.now(),
        setTimeout: (callback, delayMs) => {
          const handle: TimerHandle = { unref: () => unrefd.add(handle) };
          inner.set(handle, fake.setTimeout(callback, delayMs));
          created.push(handle);
          return handle;
        },
        clearTimeout: (handle) => fake.clearTimeout(inner.get(handle) ?? handle),
      };
      await using scheduler = createScheduler({
        clock,
        keepAlive,
        store: createMemoryStore({ clock: fake }),
        jobs: [defineJob({ name: 'daily', schedule: '0 3 * * *', run: () => 'ok' })],
      });
      await scheduler.start();
      expect(created.length).toBeGreaterThan(0);
      expect(created.every((handle) => unrefd.has(handle))).toBe(!keepAlive);
      await scheduler.stop();
    }
  });
});
