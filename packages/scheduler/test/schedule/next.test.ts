/** Calendar semantics of next()/previous()/slotsBetween(), pinned on fixed reference instants (UTC unless said). */
import { describe, expect, it } from 'vitest';
import { parseSchedule, type ScheduleOptions } from '../../src/schedule/index.js';

const SECOND = 1000;

function iso(date: Date | undefined): string | undefined {
  return date?.toISOString();
}

function nextRuns(expression: string, count: number, after: string, options?: ScheduleOptions): string[] {
  return parseSchedule(expression, options)
    .nextRuns(count, Date.parse(after))
    .map((date) => date.toISOString());
}

describe('next()', () => {
  it('returns the first slot strictly after the reference, ignoring milliseconds', () => {
    const schedule = parseSchedule('30 2 * * *');
    const slot = Date.parse('2026-01-01T02:30:00Z');
    expect(iso(schedule.next(slot - 1))).toBe('2026-01-01T02:30:00.000Z');
    expect(iso(schedule.next(slot))).toBe('2026-01-02T02:30:00.000Z');
    expect(iso(schedule.next(new Date(slot + 500)))).toBe('2026-01-02T02:30:00.000Z');
  });

  it('supports 6 fields with a leading second', () => {
    expect(nextRuns('*/15 * * * * *', 3, '2026-01-01T00:00:07.500Z')).toEqual([
      '2026-01-01T00:00:15.000Z',
      '2026-01-01T00:00:30.000Z',
      '2026-01-01T00:00:45.000Z',
    ]);
    expect(nextRuns('5 0 0 * * *', 2, '2026-01-01T00:00:05Z')).toEqual([
      '2026-01-02T00:00:05.000Z',
      '2026-01-03T00:00:05.000Z',
    ]);
  });

  it.each([
    ['@yearly', '2027-01-01T00:00:00.000Z'],
    ['@annually', '2027-01-01T00:00:00.000Z'],
    ['@monthly', '2026-06-01T00:00:00.000Z'],
    ['@weekly', '2026-05-17T00:00:00.000Z'], // a Sunday
    ['@daily', '2026-05-16T00:00:00.000Z'],
    ['@midnight', '2026-05-16T00:00:00.000Z'],
    ['@hourly', '2026-05-15T11:00:00.000Z'],
    ['@DAILY', '2026-05-16T00:00:00.000Z'],
  ])('understands the nickname %s', (nickname, expected) => {
    expect(iso(parseSchedule(nickname).next(Date.parse('2026-05-15T10:20:00Z')))).toBe(expected);
  });

  it('ORs day-of-month and day-of-week when both are restricted (cron-parser semantics)', () => {
    // The 15th, or any Friday.
    expect(nextRuns('0 0 15 * 5', 5, '2026-02-01T00:00:00Z')).toEqual([
      '2026-02-06T00:00:00.000Z',
      '2026-02-13T00:00:00.000Z',
      '2026-02-15T00:00:00.000Z',
      '2026-02-20T00:00:00.000Z',
      '2026-02-27T00:00:00.000Z',
    ]);
    // Only one restricted: only that one counts; ? is a wildcard.
    expect(nextRuns('0 0 15 * *', 2, '2026-02-01T00:00:00Z')).toEqual([
      '2026-02-15T00:00:00.000Z',
      '2026-03-15T00:00:00.000Z',
    ]);
    expect(nextRuns('0 0 ? * FRI', 2, '2026-02-01T00:00:00Z')).toEqual([
      '2026-02-06T00:00:00.000Z',
      '2026-02-13T00:00:00.000Z',
    ]);
    // A stepped day-of-month is restricted even when it covers every day (cron-parser only treats * and ? as wildcards).
    expect(nextRuns('0 0 */1 * 5', 2, '2026-02-01T00:00:00Z')).toEqual([
      '2026-02-02T00:00:00.000Z',
      '2026-02-03T00:00:00.000Z',
    ]);
  });

  it('supports L (last day of month), nL (last weekday n) and n#k (k-th weekday n)', () => {
    expect(nextRuns('0 0 L * *', 3, '2026-01-15T00:00:00Z')).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
    expect(nextRuns('0 0 L 2 *', 2, '2027-03-01T00:00:00Z')).toEqual([
      '2028-02-29T00:00:00.000Z',
      '2029-02-28T00:00:00.000Z',
    ]);
    expect(nextRuns('0 0 * * 5L', 2, '2026-01-01T00:00:00Z')).toEqual([
      '2026-01-30T00:00:00.000Z',
      '2026-02-27T00:00:00.000Z',
    ]);
    expect(nextRuns('0 0 * * 1#2', 2, '2026-01-01T00:00:00Z')).toEqual([
      '2026-01-12T00:00:00.000Z',
      '2026-02-09T00:00:00.000Z',
    ]);
    expect(nextRuns('0 9 * * MON-FRI', 3, '2026-01-02T10:00:00Z')).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
      '2026-01-07T09:00:00.000Z',
    ]);
    expect(nextRuns('0 0 1 JAN,jul *', 2, '2026-02-01T00:00:00Z')).toEqual([
      '2026-07-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('crosses year boundaries', () => {
    expect(iso(parseSchedule('0 0 1 1 *').next(Date.parse('2026-12-31T23:59:59Z')))).toBe('2027-01-01T00:00:00.000Z');
    expect(iso(parseSchedule('59 23 31 12 *').next(Date.parse('2027-01-01T00:00:00Z')))).toBe(
      '2027-12-31T23:59:00.000Z',
    );
    expect(iso(parseSchedule('0 0 1 1 *').previous(Date.parse('2027-01-01T00:00:00Z')))).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(iso(parseSchedule('59 59 23 31 12 *').previous(Date.parse('2027-01-01T00:00:00Z')))).toBe(
      '2026-12-31T23:59:59.000Z',
    );
  });

  it('finds Feb 29 only in leap years (not 2100)', () => {
    const schedule = parseSchedule('0 12 29 2 *');
    expect(iso(schedule.next(Date.parse('2026-03-01T00:00:00Z')))).toBe('2028-02-29T12:00:00.000Z');
    expect(iso(schedule.next(Date.parse('2096-03-01T00:00:00Z')))).toBe('2104-02-29T12:00:00.000Z');
    expect(iso(schedule.previous(Date.parse('2104-01-01T00:00:00Z')))).toBe('2096-02-29T12:00:00.000Z');
    expect(iso(parseSchedule('0 0 29 2 1#5').next(Date.parse('2026-01-01T00:00:00Z')))).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('reads wall-clock fields in the given time zone', () => {
    const schedule = parseSchedule('0 9 * * *', { timezone: 'America/New_York' });
    expect(iso(schedule.next(Date.parse('2026-01-10T00:00:00Z')))).toBe('2026-01-10T14:00:00.000Z');
    expect(iso(schedule.next(Date.parse('2026-07-10T00:00:00Z')))).toBe('2026-07-10T13:00:00.000Z');
    const paris = parseSchedule('0 3 * * *', { timezone: 'Europe/Paris' });
    expect(iso(paris.next(Date.parse('2026-07-10T00:00:00Z')))).toBe('2026-07-10T01:00:00.000Z');
    const lordHowe = parseSchedule('0 3 * * *', { timezone: 'Australia/Lord_Howe' });
    expect(iso(lordHowe.next(Date.parse('2026-07-10T00:00:00Z')))).toBe('2026-07-10T16:30:00.000Z');
  });
});

describe('previous(), nextRuns() and slotsBetween()', () => {
  const schedule = parseSchedule('0 */6 * * *');

  it('previous() returns the latest slot strictly before the reference', () => {
    expect(iso(schedule.previous(Date.parse('2026-01-01T06:00:00Z')))).toBe('2026-01-01T00:00:00.000Z');
    expect(iso(schedule.previous(Date.parse('2026-01-01T06:00:00.001Z')))).toBe('2026-01-01T06:00:00.000Z');
    expect(iso(schedule.previous(Date.parse('2026-01-01T00:00:00Z')))).toBe('2025-12-31T18:00:00.000Z');
  });

  it('nextRuns() lists count slots, oldest first', () => {
    expect(schedule.nextRuns(0, 0)).toEqual([]);
    expect(nextRuns('0 */6 * * *', 3, '2026-01-01T05:00:00Z')).toEqual([
      '2026-01-01T06:00:00.000Z',
      '2026-01-01T12:00:00.000Z',
      '2026-01-01T18:00:00.000Z',
    ]);
  });

  it('slotsBetween() returns the slots in (from, to], oldest first, up to limit', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2026-01-02T00:00:00Z');
    expect(schedule.slotsBetween(from, to).map((d) => d.toISOString())).toEqual([
      '2026-01-01T06:00:00.000Z',
      '2026-01-01T12:00:00.000Z',
      '2026-01-01T18:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
    ]);
    expect(schedule.slotsBetween(from, to, 2)).toHaveLength(2);
    expect(schedule.slotsBetween(to, from)).toEqual([]);
    expect(schedule.slotsBetween(from, from + 5 * SECOND)).toEqual([]);
    expect(parseSchedule('* * * * * *').slotsBetween(from, from + 3 * 86_400_000)).toHaveLength(10_000);
  });
});

describe('the Schedule object', () => {
  it('is immutable and memoised per expression, zone and dst options', () => {
    const a = parseSchedule('0 3 * * *', { timezone: 'Europe/Paris' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(parseSchedule('0 3 * * *', { timezone: 'Europe/Paris', job: 'other' })).toBe(a);
    expect(parseSchedule('0 3 * * *', { timezone: 'Europe/Paris', dst: { gap: 'skip' } })).not.toBe(a);
    expect(parseSchedule('0 3 * * *')).not.toBe(a);
    expect(a.expression).toBe('0 3 * * *');
    expect(a.timezone).toBe('Europe/Paris');
    expect(a.dst).toEqual({ gap: 'run-at-jump', repeat: 'first' });
    expect(parseSchedule('0 3 * * *').timezone).toBe('UTC');
  });

  it('seeds hashed (H) fields by job, so each job keeps its own stable minute', () => {
    const first = parseSchedule('H 3 * * *', { job: 'sync-sets' });
    const again = parseSchedule('H 3 * * *', { job: 'sync-sets' });
    const from = Date.parse('2026-01-01T00:00:00Z');
    expect(iso(again.next(from))).toBe(iso(first.next(from)));
    const minutes = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((job) => parseSchedule('H 3 * * *', { job }).next(from)!.getUTCMinutes()),
    );
    expect(minutes.size).toBeGreaterThan(1);
  });
});
