/**
 * DST behaviour, pinned in three real zones (America/New_York: 1 h at 02:00;
 * Europe/Paris: 1 h at 02:00/03:00; Australia/Lord_Howe: a 30-minute shift),
 * for fixed-time and interval-like schedules under each DST option.
 * All instants are UTC.
 */
import { describe, expect, it } from 'vitest';
import { parseSchedule, type ScheduleOptions } from '../../src/schedule/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function runs(expression: string, options: ScheduleOptions, from: string, to: string): string[] {
  return parseSchedule(expression, options)
    .slotsBetween(Date.parse(from), Date.parse(to))
    .map((date) => date.toISOString().replace(':00.000Z', 'Z'));
}

interface ZoneCase {
  readonly timezone: string;
  /** Transition day windows (UTC) that contain the whole local day. */
  readonly springDay: readonly [string, string];
  readonly fallDay: readonly [string, string];
  /** A fixed-time expression whose wall time falls in the gap, its jump instant and the next day's run. */
  readonly gapExpression: string;
  readonly jump: string;
  readonly gapNextDay: string;
  /** With gap: skip, the run before gapNextDay (the day before the transition). */
  readonly skipPrevious: string;
  /** A fixed-time expression in the repeated hour: first and second occurrence. */
  readonly repeatExpression: string;
  readonly firstPass: string;
  readonly secondPass: string;
  /** Interval-like `*\/15`-style runs around the gap and across the repeated hour. */
  readonly intervalExpression: string;
  readonly aroundGap: readonly [string, string, readonly string[]];
  readonly acrossRepeat: readonly [string, string, readonly string[]];
}

const ZONES: readonly ZoneCase[] = [
  {
    timezone: 'America/New_York', // 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST
    springDay: ['2026-03-08T04:00:00Z', '2026-03-09T04:00:00Z'],
    fallDay: ['2026-11-01T03:00:00Z', '2026-11-02T05:00:00Z'],
    gapExpression: '30 2 * * *',
    jump: '2026-03-08T07:00Z',
    gapNextDay: '2026-03-09T06:30Z',
    skipPrevious: '2026-03-07T07:30Z',
    repeatExpression: '30 1 * * *',
    firstPass: '2026-11-01T05:30Z',
    secondPass: '2026-11-01T06:30Z',
    intervalExpression: '*/15 * * * *',
    aroundGap: [
      '2026-03-08T06:30:00Z',
      '2026-03-08T07:30:00Z',
      ['2026-03-08T06:45Z', '2026-03-08T07:00Z', '2026-03-08T07:15Z', '2026-03-08T07:30Z'],
    ],
    acrossRepeat: [
      '2026-11-01T05:20:00Z',
      '2026-11-01T06:20:00Z',
      ['2026-11-01T05:30Z', '2026-11-01T05:45Z', '2026-11-01T06:00Z', '2026-11-01T06:15Z'],
    ],
  },
  {
    timezone: 'Europe/Paris', // 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET
    springDay: ['2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'],
    fallDay: ['2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'],
    gapExpression: '0 2 * * *',
    jump: '2026-03-29T01:00Z',
    gapNextDay: '2026-03-30T00:00Z',
    skipPrevious: '2026-03-28T01:00Z',
    repeatExpression: '30 2 * * *',
    firstPass: '2026-10-25T00:30Z',
    secondPass: '2026-10-25T01:30Z',
    intervalExpression: '*/20 * * * *',
    aroundGap: [
      '2026-03-29T00:30:00Z',
      '2026-03-29T01:30:00Z',
      ['2026-03-29T00:40Z', '2026-03-29T01:00Z', '2026-03-29T01:20Z'],
    ],
    acrossRepeat: [
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:30:00Z',
      ['2026-10-25T00:40Z', '2026-10-25T01:00Z', '2026-10-25T01:20Z'],
    ],
  },
  {
    timezone: 'Australia/Lord_Howe', // 2026-10-04 02:00 +10:30 -> 02:30 +11; 2026-04-05 02:00 +11 -> 01:30 +10:30
    springDay: ['2026-10-03T13:00:00Z', '2026-10-04T13:00:00Z'],
    fallDay: ['2026-04-04T12:00:00Z', '2026-04-05T14:00:00Z'],
    gapExpression: '15 2 * * *',
    jump: '2026-10-03T15:30Z',
    gapNextDay: '2026-10-04T15:15Z',
    skipPrevious: '2026-10-02T15:45Z',
    repeatExpression: '45 1 * * *',
    firstPass: '2026-04-04T14:45Z',
    secondPass: '2026-04-04T15:15Z',
    intervalExpression: '*/10 * * * *',
    aroundGap: [
      '2026-10-03T15:10:00Z',
      '2026-10-03T15:40:00Z',
      ['2026-10-03T15:20Z', '2026-10-03T15:30Z', '2026-10-03T15:40Z'],
    ],
    acrossRepeat: [
      '2026-04-04T14:40:00Z',
      '2026-04-04T15:20:00Z',
      ['2026-04-04T14:50Z', '2026-04-04T15:00Z', '2026-04-04T15:10Z', '2026-04-04T15:20Z'],
    ],
  },
];

describe.each(ZONES)('DST in $timezone', (zone) => {
  const { timezone } = zone;
  const [springFrom, springTo] = zone.springDay;
  const [fallFrom, fallTo] = zone.fallDay;

  describe('spring forward, fixed-time slot inside the gap', () => {
    it('runs once at the jump instant by default (run-at-jump)', () => {
      expect(runs(zone.gapExpression, { timezone }, springFrom, springTo)).toEqual([zone.jump]);
      const schedule = parseSchedule(zone.gapExpression, { timezone });
      expect(schedule.nextRuns(2, Date.parse(springFrom)).map((d) => d.toISOString().replace(':00.000Z', 'Z'))).toEqual(
        [zone.jump, zone.gapNextDay],
      );
    });

    it('skips that day with gap: skip', () => {
      expect(runs(zone.gapExpression, { timezone, dst: { gap: 'skip' } }, springFrom, springTo)).toEqual([]);
      const next = parseSchedule(zone.gapExpression, { timezone, dst: { gap: 'skip' } }).next(Date.parse(springFrom));
      expect(next?.toISOString().replace(':00.000Z', 'Z')).toBe(zone.gapNextDay);
    });

    it('previous() sees the same jump run', () => {
      const schedule = parseSchedule(zone.gapExpression, { timezone });
      expect(schedule.previous(Date.parse(zone.gapNextDay))?.toISOString().replace(':00.000Z', 'Z')).toBe(zone.jump);
      const skipping = parseSchedule(zone.gapExpression, { timezone, dst: { gap: 'skip' } });
      expect(skipping.previous(Date.parse(zone.gapNextDay))?.toISOString().replace(':00.000Z', 'Z')).toBe(
        zone.skipPrevious,
      );
    });
  });

  describe('fall back, fixed-time slot inside the repeated hour', () => {
    it('runs once, at the first occurrence, by default (repeat: first)', () => {
      expect(runs(zone.repeatExpression, { timezone }, fallFrom, fallTo)).toEqual([zone.firstPass]);
    });

    it('runs at both occurrences with repeat: both', () => {
      expect(runs(zone.repeatExpression, { timezone, dst: { repeat: 'both' } }, fallFrom, fallTo)).toEqual([
        zone.firstPass,
        zone.secondPass,
      ]);
    });

    it('previous() walks the same slots backwards', () => {
      for (const repeat of ['first', 'both'] as const) {
        const schedule = parseSchedule(zone.repeatExpression, { timezone, dst: { repeat } });
        const forward = schedule.slotsBetween(Date.parse(fallFrom) - 2 * DAY, Date.parse(fallTo) + 2 * DAY);
        const backward: Date[] = [];
        for (let at = Date.parse(fallTo) + 2 * DAY; ; ) {
          const slot = schedule.previous(at);
          if (!slot || slot.getTime() <= Date.parse(fallFrom) - 2 * DAY) break;
          backward.unshift(slot);
          at = slot.getTime();
        }
        expect(backward).toEqual(forward);
      }
    });
  });

  describe('interval-like schedules run at every real matching instant', () => {
    it('has no runs for wall times inside the gap, whatever the dst option', () => {
      const [from, to, expected] = zone.aroundGap;
      for (const gap of ['run-at-jump', 'skip'] as const) {
        expect(runs(zone.intervalExpression, { timezone, dst: { gap } }, from, to)).toEqual(expected);
      }
      expect(parseSchedule(zone.intervalExpression, { timezone }).intervalLike).toBe(true);
    });

    it('runs in both passes of the repeated hour, whatever the dst option', () => {
      const [from, to, expected] = zone.acrossRepeat;
      for (const repeat of ['first', 'both'] as const) {
        expect(runs(zone.intervalExpression, { timezone, dst: { repeat } }, from, to)).toEqual(expected);
      }
    });
  });
});

describe('DST edge cases', () => {
  it('collapses several gap slots of one night into the one jump run', () => {
    const timezone = 'America/New_York';
    const night: [string, string] = ['2026-03-08T05:00:00Z', '2026-03-08T12:00:00Z'];
    expect(runs('0,30 2 * * *', { timezone }, ...night)).toEqual(['2026-03-08T07:00Z']);
    expect(runs('*/10 2 * * *', { timezone }, ...night)).toEqual(['2026-03-08T07:00Z']);
    // 03:00 is itself a slot and also the jump instant: still one run.
    expect(runs('0 2,3 * * *', { timezone }, ...night)).toEqual(['2026-03-08T07:00Z']);
    expect(runs('0 2,3 * * *', { timezone, dst: { gap: 'skip' } }, ...night)).toEqual(['2026-03-08T07:00Z']);
    // 6-field: seconds inside the gap collapse too.
    expect(runs('*/20 30 2 * * *', { timezone }, ...night)).toEqual(['2026-03-08T07:00Z']);
  });

  it('does not re-run the repeated hour when asked from inside its second pass (repeat: first)', () => {
    const timezone = 'America/New_York';
    const insideSecondPass = Date.parse('2026-11-01T06:10:00Z'); // 01:10 EST
    expect(parseSchedule('30 1 * * *', { timezone }).next(insideSecondPass)?.toISOString()).toBe(
      '2026-11-02T06:30:00.000Z',
    );
    expect(
      parseSchedule('30 1 * * *', { timezone, dst: { repeat: 'both' } })
        .next(insideSecondPass)
        ?.toISOString(),
    ).toBe('2026-11-01T06:30:00.000Z');
    expect(parseSchedule('30 1 * * *', { timezone }).previous(Date.parse('2026-11-01T06:40:00Z'))?.toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('treats a fixed hour list as fixed-time and an hour step or wildcard as interval-like', () => {
    expect(parseSchedule('0 2 * * *').intervalLike).toBe(false);
    expect(parseSchedule('0 1,2 * * *').intervalLike).toBe(false);
    expect(parseSchedule('@daily').intervalLike).toBe(false);
    expect(parseSchedule('0 * * * *').intervalLike).toBe(true);
    expect(parseSchedule('@hourly').intervalLike).toBe(true);
    expect(parseSchedule('0 */2 * * *').intervalLike).toBe(true);
    expect(parseSchedule('0 0-23 * * *').intervalLike).toBe(true);
  });

  const YEAR: [number, number] = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')];
  const yearCases: readonly [string, string, ScheduleOptions['dst'], number][] = [
    ['America/New_York', '30 2 * * *', { gap: 'run-at-jump' }, 365],
    ['America/New_York', '30 2 * * *', { gap: 'skip' }, 364],
    ['America/New_York', '30 1 * * *', { repeat: 'first' }, 365],
    ['America/New_York', '30 1 * * *', { repeat: 'both' }, 366],
    ['America/New_York', '*/15 * * * *', {}, 365 * 96],
    ['Europe/Paris', '15 2 * * *', { gap: 'run-at-jump', repeat: 'both' }, 366],
    ['Europe/Paris', '15 2 * * *', { gap: 'skip', repeat: 'first' }, 364],
    ['Australia/Lord_Howe', '*/15 * * * *', {}, 365 * 96],
    ['Australia/Lord_Howe', '45 1,2 * * *', { repeat: 'both' }, 2 * 365 + 1],
    ['Australia/Lord_Howe', '15 2 * * *', { gap: 'skip' }, 364],
  ];

  it.each(yearCases)(
    'walks all of 2026 in %s for "%s" %o: strictly increasing, %i runs',
    (timezone, expression, dst, count) => {
      const schedule = parseSchedule(expression, { timezone, dst });
      const slots = schedule.slotsBetween(YEAR[0], YEAR[1], 100_000);
      expect(slots).toHaveLength(count);
      for (let i = 1; i < slots.length; i++) expect(slots[i]!.getTime()).toBeGreaterThan(slots[i - 1]!.getTime());
      // previous() from the end retraces the same slots.
      let at = YEAR[1] + 1;
      for (let i = slots.length - 1; i >= Math.max(0, slots.length - 400); i--) {
        const slot = schedule.previous(at);
        expect(slot?.getTime()).toBe(slots[i]!.getTime());
        at = slot!.getTime();
      }
    },
  );
});
