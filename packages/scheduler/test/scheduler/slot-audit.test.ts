// Did every slot run, and if not, why? A month of five jobs on two instances, on the fake clock.
import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import {
  type Alert,
  createMemoryStore,
  createScheduler,
  defineJob,
  type JobSlotAudit,
  NonRetryableError,
  type Scheduler,
  type SlotClass,
} from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';

const at = (iso: string): number => Date.parse(iso);
const FROM = at('2026-03-15T00:00:00Z');
const TO = at('2026-04-15T00:00:00Z');
/** The hourly job's run of this slot takes 2 h 30 min: the next two slots find it running. */
const LONG_SLOT = at('2026-03-20T10:00:00Z');
/** The upstream job fails at this slot; its downstream is skipped an hour later. */
const FAILING_SLOT = at('2026-03-18T06:00:00Z');
/** Every instance is down in between. */
const DOWN_FROM = at('2026-04-02T05:10:00Z');
const BACK_AT = at('2026-04-02T11:20:00Z');

function jobs(clock: ReturnType<typeof createFakeClock>) {
  return [
    defineJob({
      name: 'hourly',
      schedule: '0 * * * *',
      overlap: 'skip',
      timeoutMs: 3 * HOUR,
      catchUp: { policy: 'latest' },
      run: async (ctx) => {
        if (ctx.trigger === 'schedule' && ctx.scheduledFor.getTime() === LONG_SLOT) {
          await sleep(clock, 2 * HOUR + 30 * MINUTE, { signal: ctx.signal });
        }
        return 'ok';
      },
    }),
    // 02:30 does not exist on 29 March in Paris (spring forward): it runs once, at the jump
    defineJob({ name: 'paris', schedule: '30 2 * * *', timezone: 'Europe/Paris', run: () => 'ok' }),
    // 02:30 happens twice on 5 April in Sydney (autumn): it runs once, the first time
    defineJob({ name: 'sydney', schedule: '30 2 * * *', timezone: 'Australia/Sydney', run: () => 'ok' }),
    defineJob({
      name: 'upstream',
      schedule: '0 6 * * *',
      run: (ctx) => {
        if (ctx.scheduledFor.getTime() === FAILING_SLOT) throw new NonRetryableError('source unreachable');
        return 'ok';
      },
    }),
    defineJob({
      name: 'downstream',
      schedule: '0 7 * * *',
      dependsOn: ['upstream'],
      alerts: { consecutiveSkips: 1 },
      run: () => 'ok',
    }),
  ];
}

const none: Record<SlotClass, number> = {
  'on-time': 0,
  late: 0,
  'caught-up': 0,
  backfilled: 0,
  skipped: 0,
  missed: 0,
  unknown: 0,
};

describe('auditSlots', () => {
  it('a month with an outage of every instance, a pause, both DST changes, overlap and dependency skips and a manual run: every slot in exactly one class', async () => {
    const clock = createFakeClock(at('2026-03-14T23:59:00Z'));
    await using store = createMemoryStore({ clock });
    const alerts: Alert[] = [];
    const notifier = { name: 'memory', notify: async (alert: Alert) => void alerts.push(alert) };
    const instance = (instanceId: string): Scheduler =>
      createScheduler({ jobs: jobs(clock), store, clock, notifier, instanceId, maxConcurrency: 5 });
    const a = instance('a');
    const b = instance('b');
    await a.start();
    await b.start();

    await clock.advanceTo(at('2026-03-22T15:30:00Z'));
    expect((await a.trigger('hourly', { actor: 'ops' })).status).toBe('succeeded'); // manual: not a slot
    await clock.advanceTo(at('2026-03-25T12:00:00Z'));
    await a.pause('paris', { actor: 'ops', note: 'catalogue migration' });
    await clock.advanceTo(at('2026-03-27T12:00:00Z'));
    await b.resume('paris', { actor: 'ops' });
    await clock.advanceTo(DOWN_FROM);
    await a.stop();
    await b.stop();
    await clock.advanceTo(BACK_AT);
    await using c = instance('c');
    await c.start();
    await clock.advance(5 * SECOND);
    const replayed = await c.backfill('upstream', {
      from: new Date(at('2026-04-02T06:00:00Z')),
      to: new Date(at('2026-04-02T06:00:00Z')),
    });
    expect(replayed.map((run) => run.status)).toEqual(['succeeded']);
    await clock.advanceTo(TO);

    const audit = await c.auditSlots({ from: new Date(FROM), to: new Date(TO) });
    expect(audit.to).toEqual(new Date(TO));
    const byJob = new Map<string, JobSlotAudit>(audit.jobs.map((job) => [job.job, job]));
    expect(Object.fromEntries(audit.jobs.map((job) => [job.job, job.counts]))).toEqual({
      hourly: { ...none, 'on-time': 31 * 24 - 8, skipped: 2, missed: 5, 'caught-up': 1 },
      paris: { ...none, 'on-time': 29, skipped: 2 },
      sydney: { ...none, 'on-time': 31 },
      upstream: { ...none, 'on-time': 30, backfilled: 1 },
      downstream: { ...none, 'on-time': 29, skipped: 1, missed: 1 },
    });
    for (const job of audit.jobs) {
      const times = job.slots.map((slot) => slot.slot.getTime());
      expect(new Set(times).size, job.job).toBe(times.length); // each slot once
      expect(
        [...times].sort((x, y) => x - y),
        job.job,
      ).toEqual(times);
      expect(
        times.every((ms) => ms >= FROM && ms < TO),
        job.job,
      ).toBe(true);
    }
    const slotOf = (job: string, iso: string) => byJob.get(job)?.slots.find((slot) => slot.slot.getTime() === at(iso));
    const notOnTime = (job: string) =>
      byJob
        .get(job)
        ?.slots.filter((slot) => slot.class !== 'on-time')
        .map((slot) => [slot.slot.toISOString(), slot.class, slot.reason]);
    expect(notOnTime('hourly')).toEqual([
      ['2026-03-20T11:00:00.000Z', 'skipped', 'overlap'],
      ['2026-03-20T12:00:00.000Z', 'skipped', 'overlap'],
      ['2026-04-02T06:00:00.000Z', 'missed', 'catch-up-policy'],
      ['2026-04-02T07:00:00.000Z', 'missed', 'catch-up-policy'],
      ['2026-04-02T08:00:00.000Z', 'missed', 'catch-up-policy'],
      ['2026-04-02T09:00:00.000Z', 'missed', 'catch-up-policy'],
      ['2026-04-02T10:00:00.000Z', 'missed', 'catch-up-policy'],
      ['2026-04-02T11:00:00.000Z', 'caught-up', undefined],
    ]);
    expect(slotOf('hourly', '2026-04-02T11:00:00Z')?.latenessMs).toBe(20 * MINUTE);
    expect(notOnTime('paris')).toEqual([
      ['2026-03-26T01:30:00.000Z', 'skipped', 'paused'],
      ['2026-03-27T01:30:00.000Z', 'skipped', 'paused'],
    ]);
    // spring forward: the 29th's slot is at the jump (03:00 CEST), then 02:30 CEST
    expect(slotOf('paris', '2026-03-29T01:00:00Z')?.class).toBe('on-time');
    expect(slotOf('paris', '2026-03-30T00:30:00Z')?.class).toBe('on-time');
    // autumn in Sydney: 02:30 AEDT (15:30Z) ran, 02:30 AEST (16:30Z) is no slot
    expect(slotOf('sydney', '2026-04-04T15:30:00Z')?.class).toBe('on-time');
    expect(slotOf('sydney', '2026-04-04T16:30:00Z')).toBeUndefined();
    expect(slotOf('sydney', '2026-04-05T16:30:00Z')?.class).toBe('on-time');
    expect(slotOf('upstream', '2026-03-18T06:00:00Z')).toMatchObject({ class: 'on-time', status: 'failed' });
    expect(notOnTime('upstream')).toEqual([['2026-04-02T06:00:00.000Z', 'backfilled', undefined]]);
    expect(notOnTime('downstream')).toEqual([
      ['2026-03-18T07:00:00.000Z', 'skipped', 'dependency'],
      ['2026-04-02T07:00:00.000Z', 'missed', 'catch-up-policy'],
    ]);

    // the outage is one alert and one recovery; the dependency skip raised nothing of its own
    const scheduler = alerts.filter((alert) => alert.key.startsWith('(scheduler)'));
    expect(scheduler.map((alert) => [alert.kind, alert.title])).toEqual([
      ['outage', 'scheduler down from 2026-04-02T05:10:00.000Z to 2026-04-02T11:20:00.000Z, 7 slots of 3 jobs missed'],
      ['recovered', 'scheduler back since 2026-04-02T11:20:00.000Z: runs succeed again'],
    ]);
    expect(alerts.filter((alert) => alert.kind === 'missed' || alert.kind === 'stale')).toEqual([]);
    expect(alerts.filter((alert) => alert.job === 'downstream')).toEqual([]);
    expect(alerts.filter((alert) => alert.job === 'upstream').map((alert) => alert.kind)).toEqual([
      'failure',
      'recovered',
    ]);
  });
});
