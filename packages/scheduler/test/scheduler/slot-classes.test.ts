// The slot classes one by one: late, cap, unknown (no instance / no record), overrides from the audit log, bad input.
import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import { InvalidOptionError, UnknownJobError } from '../../src/index.js';
import { HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

const classes = (slots: { class: string; reason?: string }[]) => {
  const counts: Record<string, number> = {};
  for (const slot of slots) {
    const key = slot.reason ? `${slot.class}:${slot.reason}` : slot.class;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe('auditSlots classes', () => {
  it('a run held back by the concurrency limit is late, by how much', async () => {
    await using h = harness(
      [
        { name: 'slow', schedule: '0 * * * *', run: (ctx) => sleep(h.clock, 30 * SECOND, { signal: ctx.signal }) },
        { name: 'queued', schedule: '0 * * * *', run: () => 'ok' },
      ],
      { maxConcurrency: 1 },
    );
    await h.scheduler.start();
    await h.clock.advanceTo(T0 + 2 * HOUR + MINUTE);
    const audit = await h.scheduler.auditSlots({ from: new Date(T0 + 1), to: new Date(T0 + 3 * HOUR) });
    expect(audit.to).toEqual(new Date(T0 + 2 * HOUR + MINUTE)); // capped at the scheduler's time
    const [slow, queued] = audit.jobs;
    expect(slow?.slots.map((slot) => [slot.class, slot.latenessMs])).toEqual([
      ['on-time', 0],
      ['on-time', 0],
    ]);
    expect(queued?.slots.map((slot) => [slot.class, slot.latenessMs])).toEqual([
      ['late', 30 * SECOND],
      ['late', 30 * SECOND],
    ]);
    const tolerant = await h.scheduler.auditSlots({
      job: 'queued',
      from: new Date(T0 + 1),
      to: new Date(T0 + 3 * HOUR),
      toleranceMs: MINUTE,
    });
    expect(tolerant.jobs[0]?.counts['on-time']).toBe(2);
  });

  it('a gap longer than a catch-up records: the oldest slots are missed (cap); pruned history leaves them unknown', async () => {
    const job = { name: 'every-minute', schedule: '* * * * *', catchUp: { policy: 'latest' as const } };
    await using h = harness([job]);
    await h.scheduler.start();
    await h.clock.advanceTo(T0 + MINUTE + 30 * SECOND); // 00:01 runs
    await h.scheduler.stop();
    await h.clock.advanceTo(T0 + 3 * HOUR + 30 * SECOND);
    await using back = harness([job], { clock: h.clock, store: h.store });
    await back.scheduler.start();
    await h.clock.advance(SECOND);
    const range = { from: new Date(T0 + 1), to: new Date(T0 + 3 * HOUR + 1) };
    const audit = await back.scheduler.auditSlots(range);
    // back at 03:00:30: 03:00 runs as scheduled, 30 s late; of the gap 00:02-02:59, catch-up runs the
    // latest, records the 100 before it missed, and the 77 older ones are only counted (cap)
    expect(classes(audit.jobs[0]!.slots)).toEqual({
      'on-time': 1,
      late: 1,
      'caught-up': 1,
      'missed:catch-up-policy': 100,
      'missed:cap': 77,
    });
    expect(audit.jobs[0]!.slots.at(-1)).toMatchObject({ class: 'late', latenessMs: 30 * SECOND });
    expect(audit.jobs[0]!.slots.at(-2)).toMatchObject({ class: 'caught-up', latenessMs: MINUTE + 30 * SECOND });

    // the history of the outage is pruned: nothing says what happened, but no instance was running
    await h.store.pruneRuns({ olderThan: new Date(T0 + 3 * HOUR + 1) });
    expect(classes((await back.scheduler.auditSlots(range)).jobs[0]!.slots)).toEqual({
      'unknown:no-record': 1, // 00:01, while an instance ran
      'unknown:no-instance': 179,
    });
    // an instance is running: a slot whose record is gone is unknown, no record
    await h.clock.advanceTo(T0 + 3 * HOUR + 10 * MINUTE + 30 * SECOND);
    await h.store.pruneRuns({ olderThan: new Date(T0 + 3 * HOUR + 5 * MINUTE + 1) });
    const later = await back.scheduler.auditSlots({ from: new Date(T0 + 3 * HOUR + 1), to: new Date(T0 + 4 * HOUR) });
    expect(classes(later.jobs[0]!.slots)).toEqual({ 'unknown:no-record': 5, 'on-time': 5 });
  });

  it('expected slots follow the schedule overrides and deploys the audit log recorded', async () => {
    await using h = harness([{ name: 'report', schedule: '0 * * * *' }]);
    await h.scheduler.start();
    await h.clock.advanceTo(T0 + 2 * HOUR + 10 * MINUTE);
    await h.scheduler.overrideSchedule('report', '*/15 * * * *', { actor: 'ops' });
    await h.clock.advanceTo(T0 + 3 * HOUR + 10 * MINUTE);
    await h.scheduler.overrideSchedule('report', null, { actor: 'ops' });
    await h.clock.advanceTo(T0 + 5 * HOUR + 30 * MINUTE);
    const audit = await h.scheduler.auditSlots({ from: new Date(T0 + 1), to: new Date(T0 + 5 * HOUR + 30 * MINUTE) });
    expect(audit.jobs[0]?.slots.map((slot) => slot.slot.toISOString().slice(11, 16))).toEqual([
      '01:00',
      '02:00',
      '02:15',
      '02:30',
      '02:45',
      '03:00',
      '04:00',
      '05:00',
    ]);
    expect(audit.jobs[0]?.counts['on-time']).toBe(8);
  });

  it('refuses an unknown job and a range that ends before it starts', async () => {
    await using h = harness([{ name: 'report', schedule: '0 * * * *' }]);
    await expect(
      h.scheduler.auditSlots({ job: 'reprot', from: new Date(T0), to: new Date(T0 + HOUR) }),
    ).rejects.toBeInstanceOf(UnknownJobError);
    const inverted = h.scheduler.auditSlots({ from: new Date(T0 + HOUR), to: new Date(T0) });
    await expect(inverted).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(inverted).rejects.toThrow(/Expected `to` of auditSlots\(\) to be at or after `from`/);
    await expect(
      h.scheduler.auditSlots({ from: new Date(T0), to: new Date(T0 + HOUR), toleranceMs: -1 }),
    ).rejects.toThrow(/toleranceMs/);
  });
});
