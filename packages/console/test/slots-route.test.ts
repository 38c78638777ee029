// GET /api/slots: a history made by a scheduler on the fake clock (on-time runs, a pause, an
// outage of every instance, a manual run), read back through the API with exact counts; and the
// range checks with their stable codes.
import { createMemoryStore, createScheduler, defineJob } from '@pokemon/scheduler';
import { createFakeClock, DAY, HOUR, MINUTE, SECOND } from '@pokemon/scheduler/testing';
import { describe, expect, it } from 'vitest';
import { startHarness } from './harness.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const quarterHourly = () => defineJob({ name: 'quarter-hourly', schedule: '*/15 * * * *', run: () => 'ok' });

interface SlotsBody {
  from: string;
  to: string;
  jobs: { job: string; counts: Record<string, number>; slots: { slot: string; class: string; reason?: string }[] }[];
}

describe('GET /api/slots', () => {
  it('classifies every slot of the range once, with exact counts per class', async () => {
    const clock = createFakeClock(T0 - MINUTE);
    const store = createMemoryStore({ clock });
    await using h = await startHarness({ store, clock, jobs: [quarterHourly()] });
    await h.scheduler.start();
    await clock.advanceTo(T0 + HOUR + MINUTE); // 00:00 … 01:00 on time
    await h.scheduler.trigger('quarter-hourly'); // manual: never a slot
    await h.scheduler.pause('quarter-hourly', { note: 'disk swap' });
    await clock.advanceTo(T0 + 2 * HOUR + MINUTE); // 01:15 … 02:00 skipped (paused)
    await h.scheduler.resume('quarter-hourly');
    await clock.advanceTo(T0 + 3 * HOUR + 5 * MINUTE); // 02:15 … 03:00 on time
    await h.scheduler.stop();
    await clock.advanceTo(T0 + 4 * HOUR + 5 * MINUTE + 30 * SECOND); // 03:15 … 04:00: nobody running
    await using second = createScheduler({ jobs: [quarterHourly()], store, clock, instanceId: 'second' });
    await second.start();
    await clock.advanceTo(T0 + 5 * HOUR); // 04:15 … 04:45 on time; 05:00 is the range's end

    const res = await h.call('GET', `/api/slots?job=quarter-hourly&from=${iso(T0)}&to=${iso(T0 + 5 * HOUR)}`, {
      role: 'viewer',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as SlotsBody;
    expect(body).toMatchObject({ from: iso(T0), to: iso(T0 + 5 * HOUR) });
    const [job] = body.jobs;
    expect(job?.counts).toEqual({
      'on-time': 12,
      late: 0,
      'caught-up': 0,
      backfilled: 0,
      skipped: 4,
      missed: 4,
      unknown: 0,
    });
    expect(job?.slots).toHaveLength(20);
    const notOnTime = job?.slots
      .filter((slot) => slot.class !== 'on-time')
      .map((s) => [s.slot.slice(11, 16), s.class, s.reason]);
    expect(notOnTime).toEqual([
      ['01:15', 'skipped', 'paused'],
      ['01:30', 'skipped', 'paused'],
      ['01:45', 'skipped', 'paused'],
      ['02:00', 'skipped', 'paused'],
      ['03:15', 'missed', 'catch-up-policy'],
      ['03:30', 'missed', 'catch-up-policy'],
      ['03:45', 'missed', 'catch-up-policy'],
      ['04:00', 'missed', 'catch-up-policy'],
    ]);
    // The same answer as the library's, slot for slot.
    const library = await h.scheduler.auditSlots({
      job: 'quarter-hourly',
      from: new Date(T0),
      to: new Date(T0 + 5 * HOUR),
    });
    expect(job?.slots.map((s) => s.slot)).toEqual(library.jobs[0]?.slots.map((s) => s.slot.toISOString()));
  });

  it('is in the OpenAPI document', async () => {
    await using h = await startHarness();
    const doc = (await (await h.call('GET', '/api/openapi.json', { role: 'viewer' })).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; required?: boolean }[] } }>;
    };
    const parameters = doc.paths['/api/slots']?.get?.parameters ?? [];
    expect(parameters.map((p) => [p.name, p.required ?? false])).toEqual([
      ['job', false],
      ['from', true],
      ['to', true],
      ['toleranceMs', false],
    ]);
  });

  it.each([
    ['no range', '', 'BAD_REQUEST', /query parameter "from"/],
    ['only from', `from=${iso(T0)}`, 'BAD_REQUEST', /query parameter "to"/],
    ['not a date', `from=yesterday&to=${iso(T0)}`, 'BAD_REQUEST', /query parameter "from"/],
    ['from after to', `from=${iso(T0 + DAY)}&to=${iso(T0)}`, 'BAD_REQUEST', /`from` must be before `to`/],
    ['32 days', `from=${iso(T0)}&to=${iso(T0 + 32 * DAY)}`, 'RANGE_TOO_LONG', /at most 31 days apart/],
    ['a negative tolerance', `from=${iso(T0)}&to=${iso(T0 + DAY)}&toleranceMs=-1`, 'BAD_REQUEST', /"toleranceMs"/],
  ])('refuses %s with 400 and a stable code', async (_name, query, code, message) => {
    await using h = await startHarness();
    const res = await h.call('GET', `/api/slots?${query}`, { role: 'viewer' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  });

  it('answers 404 UNKNOWN_JOB for a job the scheduler does not have', async () => {
    await using h = await startHarness();
    const res = await h.call('GET', `/api/slots?job=nope&from=${iso(T0)}&to=${iso(T0 + DAY)}`, { role: 'viewer' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'UNKNOWN_JOB' } });
  });

  it('refuses more than 50,000 slots in one answer, and names the way out', async () => {
    const clock = createFakeClock(T0 + 40 * DAY);
    const jobs = ['a', 'b'].map((name) =>
      defineJob({ name: `every-minute-${name}`, schedule: '* * * * *', run: () => 'ok' }),
    );
    await using h = await startHarness({ clock, jobs, store: createMemoryStore({ clock }) });
    const range = `from=${iso(T0)}&to=${iso(T0 + 31 * DAY)}`;
    const both = await h.call('GET', `/api/slots?${range}`, { role: 'viewer' });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({
      error: { code: 'TOO_MANY_SLOTS', message: expect.stringMatching(/^89280 slots .* pass "job"/) },
    });
    const one = await h.call('GET', `/api/slots?job=every-minute-a&${range}`, {
      role: 'viewer',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(one.status).toBe(200);
    expect(one.headers.get('content-encoding')).toBe('gzip');
    // A browser inflates it; here, by hand.
    const inflated = new Response(one.body?.pipeThrough(new DecompressionStream('gzip')));
    const body = (await inflated.json()) as SlotsBody;
    expect(body.jobs[0]?.counts.unknown).toBe(31 * 24 * 60);
  });
});
