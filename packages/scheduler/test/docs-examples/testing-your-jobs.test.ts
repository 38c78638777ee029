// The examples of docs/guides/testing-your-jobs.md, run as tests (keep both in sync).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, NonRetryableError, type RunRecord } from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';

// --- the user's job, as it would live in their code base
interface CardSource {
  fetchNewCards(signal: AbortSignal): Promise<string[]>;
}

function importCardsJob(source: CardSource, saved: string[]) {
  return defineJob({
    name: 'import-cards',
    schedule: '0 3 * * *', // every day at 03:00
    timezone: 'Europe/Paris',
    retry: { attempts: 3, backoff: 'fixed', initialDelayMs: 30_000, jitter: false },
    run: async (ctx) => {
      const cards = await source.fetchNewCards(ctx.signal);
      saved.push(...cards);
      return { imported: cards.length };
    },
  });
}

describe('import-cards', () => {
  it('runs at 03:00 Paris time and stores its result in the history', async () => {
    const clock = createFakeClock(new Date('2026-06-01T00:00:00Z'));
    const store = createMemoryStore({ clock });
    const saved: string[] = [];
    const source: CardSource = { fetchNewCards: async () => ['sv1-1', 'sv1-2'] };
    await using scheduler = createScheduler({ jobs: [importCardsJob(source, saved)], store, clock });

    await scheduler.start();
    await clock.advance(2 * HOUR); // 02:00 UTC = 04:00 in Paris (summer time, UTC+2)

    const { runs } = await store.listRuns({ job: 'import-cards' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      trigger: 'schedule',
      scheduledFor: new Date('2026-06-01T01:00:00Z'), // 03:00 in Paris
      result: { imported: 2 },
    });
    expect(saved).toEqual(['sv1-1', 'sv1-2']);
  });

  it('retries a failing fetch 30 s later and records every attempt', async () => {
    const clock = createFakeClock(new Date('2026-06-01T00:59:00Z'));
    const store = createMemoryStore({ clock });
    let calls = 0;
    const source: CardSource = {
      fetchNewCards: async () => {
        calls++;
        if (calls === 1) throw new Error('HTTP 503');
        return ['sv1-3'];
      },
    };
    await using scheduler = createScheduler({ jobs: [importCardsJob(source, [])], store, clock });
    const retries: number[] = [];
    scheduler.on('run:retry-scheduled', (event) => retries.push(event.delayMs));

    await scheduler.start();
    await clock.advance(MINUTE + 30 * SECOND);

    const [run] = (await store.listRuns({ job: 'import-cards' })).runs;
    expect(run?.status).toBe('succeeded');
    expect(run?.attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
    expect(run?.attempts[0]?.error?.message).toBe('HTTP 503');
    expect(retries).toEqual([30_000]);
  });

  it('stops at once on a NonRetryableError', async () => {
    const clock = createFakeClock(new Date('2026-06-01T00:00:00Z'));
    const store = createMemoryStore({ clock });
    const source: CardSource = {
      fetchNewCards: async () => {
        throw new NonRetryableError('POKEMONTCG_API_KEY is not set');
      },
    };
    await using scheduler = createScheduler({ jobs: [importCardsJob(source, [])], store, clock });
    await scheduler.start();

    const run: RunRecord = await scheduler.trigger('import-cards');

    expect(run.status).toBe('failed');
    expect(run.trigger).toBe('manual');
    expect(run.attempts).toHaveLength(1);
    expect(run.error).toMatchObject({ name: 'NonRetryableError', code: 'NON_RETRYABLE' });
  });
});

describe('a clock jump', () => {
  it('sends the slots skipped by a forward jump through the catch-up policy', async () => {
    const clock = createFakeClock(new Date('2026-06-01T00:00:00Z'));
    const job = defineJob({ name: 'hourly', schedule: '0 * * * *', catchUp: { policy: 'latest' }, run: () => 'ok' });
    const store = createMemoryStore({ clock });
    await using scheduler = createScheduler({ jobs: [job], store, clock });
    const jumps: number[] = [];
    scheduler.on('schedule:clock-jumped', (event) => jumps.push(event.deltaMs));
    await scheduler.start();

    clock.set(clock.now() + 5 * HOUR); // the wall clock leaps 5 hours
    await clock.advance(MINUTE); // the next wake notices

    expect(jumps).toHaveLength(1);
    const runs = (await store.listRuns({ job: 'hourly' })).runs.reverse();
    expect(runs.map((r) => `${r.scheduledFor.toISOString().slice(11, 16)} ${r.trigger}`)).toEqual([
      '01:00 catch-up',
      '02:00 catch-up',
      '03:00 catch-up',
      '04:00 catch-up', // policy latest: the newest missed slot is the catch-up run
      '05:00 schedule', // at most 60 s late: runs normally
    ]);
    expect(runs.slice(0, 3).map((r) => [r.status, r.reason])).toEqual(Array(3).fill(['missed', 'catch-up-latest']));
    expect(runs[3]?.status).toBe('succeeded'); // the catch-up run first, the on-time one after it
    expect(runs[4]?.status).toBe('succeeded');
  });
});

describe('under vitest fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a job on its schedule without a clock option', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
    const ran: Date[] = [];
    const job = defineJob({
      name: 'heartbeat',
      schedule: '*/15 * * * *',
      run: (ctx) => {
        ran.push(ctx.scheduledFor);
      },
    });
    await using scheduler = createScheduler({ jobs: [job], store: createMemoryStore() });

    await scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR);

    expect(ran.map((d) => d.toISOString())).toEqual([
      '2026-06-01T00:15:00.000Z',
      '2026-06-01T00:30:00.000Z',
      '2026-06-01T00:45:00.000Z',
      '2026-06-01T01:00:00.000Z',
    ]);
  });
});
