import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import { NonRetryableError } from '../../src/index.js';
import { MINUTE, SECOND } from '../../src/testing.js';
import { allRuns, harness, T0 } from './helpers.js';

describe('run path', () => {
  it('caps concurrency globally; due runs wait in slot order and show as waiting', async () => {
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    const work = (name: string) => async (ctx: { signal: AbortSignal }) => {
      order.push(name);
      running++;
      peak = Math.max(peak, running);
      await sleep(h.clock, 10 * SECOND, { signal: ctx.signal });
      running--;
    };
    await using h = harness(
      [
        { name: 'a', schedule: '* * * * *', run: work('a') },
        { name: 'b', schedule: '* * * * *', run: work('b') },
        { name: 'c', schedule: '* * * * *', run: work('c') },
        { name: 'd', schedule: '30 1 0 * * *', run: work('d') },
      ],
      { maxConcurrency: 2 },
    );
    const queued: string[] = [];
    h.scheduler.on('run:queued', (e) => queued.push(e.job));
    await h.scheduler.start();
    await h.clock.advance(MINUTE);
    const status = await h.scheduler.status();
    expect(status.find((s) => s.name === 'c')).toMatchObject({ running: 0, waiting: 1 });
    expect(status.filter((s) => s.running === 1).map((s) => s.name)).toEqual(['a', 'b']);
    expect(queued).toEqual(['a', 'b', 'c']);
    await h.clock.advance(30 * SECOND);
    // c (slot :00) started at :10 before d (slot :30) at :20.
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(peak).toBe(2);
    await h.scheduler.stop();
  });

  it('retries with backoff on the clock, records every attempt, and emits run:retry-scheduled', async () => {
    const attempts: number[] = [];
    await using h = harness([
      {
        name: 'flaky',
        schedule: '0 * * * *',
        retry: { attempts: 3, backoff: 'exponential', initialDelayMs: 1_000, jitter: false },
        run: (ctx) => {
          attempts.push(ctx.now() - T0 - 60 * MINUTE);
          if (ctx.attempt < 3) throw new Error(`boom ${ctx.attempt}`);
          return 'third time';
        },
      },
    ]);
    const retries: number[] = [];
    h.scheduler.on('run:retry-scheduled', (e) => retries.push(e.delayMs));
    await h.scheduler.start();
    await h.clock.advance(60 * MINUTE + 10 * SECOND);
    expect(attempts).toEqual([0, 1_000, 3_000]);
    expect(retries).toEqual([1_000, 2_000]);
    const [run] = await allRuns(h.store, 'flaky');
    expect(run?.status).toBe('succeeded');
    expect(run?.attempts.map((a) => [a.status, a.error?.message])).toEqual([
      ['failed', 'boom 1'],
      ['failed', 'boom 2'],
      ['succeeded', undefined],
    ]);
    await h.scheduler.stop();
  });

  it('stops retrying at a NonRetryableError or when retryIf says no', async () => {
    await using h = harness([
      {
        name: 'fatal',
        schedule: '0 * * * *',
        retry: { attempts: 5 },
        run: () => {
          throw new NonRetryableError('bad config');
        },
      },
      {
        name: 'picky',
        schedule: '0 * * * *',
        retry: { attempts: 5, retryIf: (error) => !error.message.includes('404') },
        run: () => {
          throw new Error('HTTP 404');
        },
      },
    ]);
    await h.scheduler.start();
    await h.clock.advance(61 * MINUTE);
    for (const name of ['fatal', 'picky']) {
      const [run] = await allRuns(h.store, name);
      expect(run?.status).toBe('failed');
      expect(run?.attempts).toHaveLength(1);
    }
    await h.scheduler.stop();
  });

  it('times out a job that ignores its signal: attempt recorded timed_out and the slot released', async () => {
    let aborted: unknown;
    await using h = harness([
      {
        name: 'stubborn',
        schedule: '0 * * * *',
        timeoutMs: 5 * SECOND,
        run: (ctx) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = ctx.signal.reason;
          });
          return new Promise(() => {});
        },
      },
    ]);
    const failed: string[] = [];
    h.scheduler.on('run:failed', (e) => failed.push(e.error.code ?? ''));
    await h.scheduler.start();
    await h.clock.advance(60 * MINUTE + 5 * SECOND);
    expect(aborted).toMatchObject({ name: 'JobTimeoutError', code: 'JOB_TIMEOUT' });
    const [run] = await allRuns(h.store, 'stubborn');
    expect(run?.status).toBe('timed_out');
    expect(run?.attempts[0]?.status).toBe('timed_out');
    expect(failed).toEqual(['JOB_TIMEOUT']);
    expect(await h.store.listRunning()).toEqual([]);
    // The next slot runs (the stray promise holds nothing).
    await h.clock.advance(60 * MINUTE);
    expect((await allRuns(h.store, 'stubborn')).map((r) => r.status)).toEqual(['timed_out', 'timed_out']);
    await h.scheduler.stop();
  });

  it('skips a dependent whose upstream failed, naming the upstream and its last status', async () => {
    await using h = harness([
      {
        name: 'upstream',
        schedule: '0 2 * * *',
        run: () => {
          throw new Error('source down');
        },
      },
      { name: 'downstream', schedule: '0 3 * * *', dependsOn: ['upstream'] },
    ]);
    const skipped: string[] = [];
    h.scheduler.on('run:skipped', (e) => skipped.push(`${e.job}: ${e.reason}`));
    await h.scheduler.start();
    await h.clock.advance(3 * 60 * MINUTE);
    expect(skipped).toEqual(['downstream: dependency "upstream" last failed at 2026-03-01T02:00:00.000Z']);
    await h.scheduler.stop();
  });

  it('runs a dependent whose upstream succeeded since its previous slot, and passes ctx.dependencies', async () => {
    let seen: string[] = [];
    await using h = harness([
      { name: 'upstream', schedule: '0 2 * * *', run: () => ({ sets: 3 }) },
      {
        name: 'downstream',
        schedule: '0 3 * * *',
        dependsOn: ['upstream'],
        run: (ctx) => {
          seen = [...ctx.dependencies.keys()];
          expect(ctx.dependencies.get('upstream')?.result).toEqual({ sets: 3 });
        },
      },
    ]);
    await h.scheduler.start();
    await h.clock.advance(3 * 60 * MINUTE);
    expect(seen).toEqual(['upstream']);
    expect(h.ran('downstream').map((r) => r.status)).toEqual(['succeeded']);
    await h.scheduler.stop();
  });

  it('waits for an upstream run in progress instead of skipping', async () => {
    await using h = harness([
      {
        name: 'upstream',
        schedule: '0 3 * * *',
        timeoutMs: 30 * MINUTE,
        run: (ctx) => sleep(h.clock, 20 * MINUTE, { signal: ctx.signal }),
      },
      { name: 'downstream', schedule: '5 3 * * *', dependsOn: ['upstream'], timeoutMs: 60 * MINUTE },
    ]);
    const starts: { job: string; at: number }[] = [];
    h.scheduler.on('run:started', (e) => starts.push({ job: e.job, at: h.clock.now() - T0 }));
    await h.scheduler.start();
    await h.clock.advance(4 * 60 * MINUTE);
    expect(starts).toEqual([
      { job: 'upstream', at: 3 * 60 * MINUTE },
      { job: 'downstream', at: 3 * 60 * MINUTE + 20 * MINUTE },
    ]);
    expect(h.ran('downstream').map((r) => r.status)).toEqual(['succeeded']);
    await h.scheduler.stop();
  });

  it('trigger withDependencies runs the chain in order and stops at the first failure', async () => {
    const ran: string[] = [];
    await using h = harness([
      { name: 'sets', schedule: '0 2 * * *', run: () => void ran.push('sets') },
      {
        name: 'cards',
        schedule: '0 3 * * *',
        dependsOn: ['sets'],
        run: () => {
          ran.push('cards');
          throw new Error('cards API down');
        },
      },
      { name: 'replicate', schedule: '0 4 * * *', dependsOn: ['cards'], run: () => void ran.push('replicate') },
    ]);
    const record = await h.scheduler.trigger('replicate', { withDependencies: true });
    expect(ran).toEqual(['sets', 'cards']);
    expect(record).toMatchObject({ job: 'replicate', status: 'skipped', trigger: 'manual' });
    expect(record.reason).toMatch(/^dependency "cards" failed/);
    const triggers = h.finished.map((r) => `${r.job}:${r.trigger}:${r.status}`);
    expect(triggers).toEqual(['sets:dependency:succeeded', 'cards:dependency:failed', 'replicate:manual:skipped']);
    await h.scheduler.stop();
  });

  it('trigger runs a job now and resolves with its final record', async () => {
    await using h = harness([{ name: 'now', schedule: '0 0 1 1 *', run: (ctx) => ({ trigger: ctx.trigger }) }]);
    await h.scheduler.start();
    const record = await h.scheduler.trigger('now');
    expect(record).toMatchObject({ status: 'succeeded', trigger: 'manual', result: { trigger: 'manual' } });
    expect(record.claimKey).toMatch(/^manual:/);
    await h.scheduler.stop();
  });
});
