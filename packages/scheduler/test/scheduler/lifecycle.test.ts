import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import {
  createMemoryStore,
  createScheduler,
  DependencyCycleError,
  defineJob,
  InvalidJobError,
  InvalidOptionError,
  InvalidScheduleError,
  SchedulerError,
  UnknownJobError,
} from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { allRuns, harness, T0 } from './helpers.js';

const noop = (): void => {};

describe('createScheduler validation', () => {
  const store = createMemoryStore();
  const job = (name: string, dependsOn: string[] = []) =>
    defineJob({ name, schedule: '* * * * *', dependsOn, run: noop });

  it('rejects duplicate names, unknown dependencies and cycles', () => {
    expect(() => createScheduler({ store, jobs: [job('a'), job('a')] })).toThrow(InvalidJobError);
    expect(() => createScheduler({ store, jobs: [job('a', ['ghost'])] })).toThrow(UnknownJobError);
    expect(() => createScheduler({ store, jobs: [job('a', ['ghost'])] })).toThrow(/ghost/);
    const cycle = () => createScheduler({ store, jobs: [job('a', ['b']), job('b', ['a'])] });
    expect(cycle).toThrow(DependencyCycleError);
    expect(cycle).toThrow(/a -> b -> a|b -> a -> b/);
  });

  it('rejects bad limits and an unknown timezone, naming the option', () => {
    const jobs = [job('a')];
    for (const [field, value] of [
      ['maxConcurrency', 0],
      ['maxConcurrency', 1.5],
      ['leaseMs', -1],
      ['leaseMs', Number.POSITIVE_INFINITY],
      ['shutdownGraceMs', Number.NaN],
    ] as const) {
      const create = () => createScheduler({ store, jobs, [field]: value });
      expect(create).toThrow(InvalidOptionError);
      expect(create).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', component: 'createScheduler', option: field }),
      );
      expect(create).toThrow(new RegExp(`\`${field}\``));
    }
    expect(() => createScheduler({ store, jobs, timezone: 'Mars/Olympus' })).toThrow(InvalidScheduleError);
    expect(() => createScheduler({ store, jobs, timezone: 'Mars/Olympus' })).toThrow(/Mars\/Olympus/);
  });

  it('rejects unknown job names in trigger, pause, resume and backfill', async () => {
    await using scheduler = createScheduler({ store: createMemoryStore(), jobs: [job('a')] });
    await expect(scheduler.trigger('nope')).rejects.toThrow(UnknownJobError);
    await expect(scheduler.pause('nope')).rejects.toMatchObject({ code: 'UNKNOWN_JOB', job: 'nope' });
    await expect(scheduler.resume('nope')).rejects.toThrow(/Registered jobs: a/);
    await expect(scheduler.backfill('nope', { from: new Date(0), to: new Date(1) })).rejects.toThrow(UnknownJobError);
  });
});

describe('lifecycle', () => {
  it('stop(): aborts running jobs, records leftovers cancelled after the grace period, leaves nothing running', async () => {
    let reason: unknown;
    await using h = harness(
      [
        {
          name: 'polite',
          schedule: '0 * * * *',
          run: async (ctx) => {
            await sleep(h.clock, HOUR, { signal: ctx.signal }).catch((error) => {
              reason = error;
              throw error;
            });
          },
        },
        { name: 'stubborn', schedule: '0 * * * *', run: () => new Promise(() => {}) },
      ],
      { shutdownGraceMs: 10 * SECOND },
    );
    const stopped: number[] = [];
    h.scheduler.on('scheduler:stopped', (e) => stopped.push(e.cancelled));
    await h.scheduler.start();
    await h.clock.advance(HOUR + MINUTE);
    expect(await h.store.listRunning()).toHaveLength(2);
    const stopping = h.scheduler.stop();
    await h.clock.advance(10 * SECOND);
    await stopping;
    expect(reason).toMatchObject({ name: 'JobCancelledError', reason: 'shutdown' });
    expect(await h.store.listRunning()).toEqual([]);
    const runs = await allRuns(h.store);
    expect(runs.map((r) => [r.job, r.status, r.reason]).sort()).toEqual([
      ['polite', 'cancelled', 'shutdown'],
      ['stubborn', 'cancelled', 'shutdown'],
    ]);
    expect(stopped).toEqual([1]);
    // Nothing fires after stop, and stop is idempotent.
    await h.clock.advance(2 * HOUR);
    expect(await allRuns(h.store)).toHaveLength(2);
    await h.scheduler.stop();
    await expect(h.scheduler.trigger('polite')).rejects.toThrow(SchedulerError);
  });

  it('stop() returns at once when every run honours its signal', async () => {
    await using h = harness([
      { name: 'polite', schedule: '0 * * * *', run: (ctx) => sleep(h.clock, HOUR, { signal: ctx.signal }) },
    ]);
    await h.scheduler.start();
    await h.clock.advance(HOUR);
    await h.scheduler.stop();
    expect(h.clock.now()).toBe(T0 + HOUR);
    expect((await allRuns(h.store))[0]?.status).toBe('cancelled');
  });

  it('Symbol.asyncDispose stops the scheduler', async () => {
    const clock = createFakeClock(T0);
    const stopped: string[] = [];
    {
      await using scheduler = createScheduler({
        clock,
        store: createMemoryStore({ clock }),
        jobs: [defineJob({ name: 'a', schedule: '* * * * *', run: noop })],
      });
      scheduler.on('scheduler:stopped', (e) => stopped.push(e.instanceId));
      await scheduler.start();
    }
    expect(stopped).toHaveLength(1);
  });

  it('pause records slots skipped (reason paused) and resume runs them again; honoured across instances', async () => {
    await using a = harness([{ name: 'tick', schedule: '* * * * *' }], { instanceId: 'a', leaseMs: 30 * SECOND });
    await using b = harness([{ name: 'tick', schedule: '* * * * *' }], {
      instanceId: 'b',
      clock: a.clock,
      store: a.store,
      leaseMs: 30 * SECOND,
    });
    await a.scheduler.start();
    await b.scheduler.start();
    await a.clock.advance(2 * MINUTE);
    await b.scheduler.pause('tick', { note: 'disk swap' });
    await a.clock.advance(3 * MINUTE);
    const status = (await a.scheduler.status())[0];
    expect(status).toMatchObject({ state: 'paused', pauseNote: 'disk swap' });
    await b.scheduler.resume('tick');
    await a.clock.advance(2 * MINUTE);
    const runs = await allRuns(a.store, 'tick');
    expect(
      runs.map((r) => `${(r.scheduledFor.getTime() - T0) / MINUTE}:${r.status}${r.reason ? `:${r.reason}` : ''}`),
    ).toEqual([
      '1:succeeded',
      '2:succeeded',
      '3:skipped:paused',
      '4:skipped:paused',
      '5:skipped:paused',
      '6:succeeded',
      '7:succeeded',
    ]);
    await a.scheduler.stop();
    await b.scheduler.stop();
  });

  it('status() reports state, counts, last run and next runs', async () => {
    await using h = harness([
      { name: 'tick', schedule: '*/5 * * * *', description: 'every five', timezone: 'Europe/Paris' },
    ]);
    await h.scheduler.start();
    await h.clock.advance(5 * MINUTE);
    const [status] = await h.scheduler.status();
    expect(status).toMatchObject({
      name: 'tick',
      description: 'every five',
      schedule: '*/5 * * * *',
      timezone: 'Europe/Paris',
      state: 'active',
      running: 0,
      waiting: 0,
      circuit: { state: 'closed' },
    });
    expect(status?.lastRun?.status).toBe('succeeded');
    expect(status?.nextRuns.map((d) => d.getTime() - T0)).toEqual([10 * MINUTE, 15 * MINUTE, 20 * MINUTE]);
    await h.scheduler.stop();
  });

  it('a throwing listener is logged and does not break the scheduler', async () => {
    const errors: string[] = [];
    const logger = { debug: noop, info: noop, warn: noop, error: (message: string) => errors.push(message) };
    await using h = harness([{ name: 'tick', schedule: '* * * * *' }], { logger });
    h.scheduler.on('run:started', () => {
      throw new Error('listener bug');
    });
    await h.scheduler.start();
    await h.clock.advance(3 * MINUTE);
    expect(h.ran('tick')).toHaveLength(3);
    expect(errors.filter((m) => m.includes('listener'))).toHaveLength(3);
    await h.scheduler.stop();
  });

  it('backfill replays the slots of a range (trigger backfill), oldest first', async () => {
    const seen: string[] = [];
    await using h = harness([
      {
        name: 'daily',
        schedule: '0 3 * * *',
        run: (ctx) => void seen.push(`${ctx.trigger}@${ctx.scheduledFor.toISOString()}`),
      },
    ]);
    await h.scheduler.start();
    const records = await h.scheduler.backfill('daily', {
      from: new Date('2026-02-01T00:00:00Z'),
      to: new Date('2026-02-03T03:00:00Z'),
    });
    expect(seen).toEqual([
      'backfill@2026-02-01T03:00:00.000Z',
      'backfill@2026-02-02T03:00:00.000Z',
      'backfill@2026-02-03T03:00:00.000Z',
    ]);
    expect(records.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    await h.scheduler.stop();
  });
  it('backfill stops at its signal: the current run is cancelled (reason user) and the call rejects', async () => {
    await using h = harness([
      { name: 'daily', schedule: '0 3 * * *', run: (ctx) => sleep(h.clock, 2 * MINUTE, { signal: ctx.signal }) },
    ]);
    await h.scheduler.start();
    const controller = new AbortController();
    const pending = h.scheduler.backfill('daily', {
      from: new Date('2026-02-01T00:00:00Z'),
      to: new Date('2026-02-03T03:00:00Z'),
      signal: controller.signal,
    });
    const outcome = pending.then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
    await h.clock.advance(3 * MINUTE);
    controller.abort(new Error('operator stop'));
    expect(await outcome).toBe('Error');
    const runs = await allRuns(h.store, 'daily');
    expect(runs.map((r) => [r.scheduledFor.toISOString(), r.status, r.reason])).toEqual([
      ['2026-02-01T03:00:00.000Z', 'succeeded', undefined],
      ['2026-02-02T03:00:00.000Z', 'cancelled', 'user'],
    ]);
    await h.scheduler.stop();
  });
  it('stop() during start() leaves nothing armed and claims nothing', async () => {
    await using h = harness([{ name: 'tick', schedule: '* * * * *' }]);
    const starting = h.scheduler.start();
    await h.scheduler.stop();
    await starting;
    await h.clock.advance(10 * MINUTE);
    expect(await allRuns(h.store)).toEqual([]);
  });
});
