/** The memoised zone offsets agree with Intl everywhere, and transitions are found to the second. */
import { describe, expect, it } from 'vitest';
import { Zone } from '../../src/schedule/zone.js';
import { prng } from './random-expressions.js';

const HOUR = 3_600_000;

function intlOffsetMs(timezone: string, instant: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')!.value; // "GMT+10:30", "GMT"
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * HOUR + Number(match[3]) * 60_000);
}

describe('Zone', () => {
  it.each([
    'America/New_York',
    'Europe/Paris',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/Santiago',
  ])('offsetAt() agrees with Intl at random instants in %s', (timezone) => {
    const zone = new Zone(timezone);
    const random = prng(42);
    for (let i = 0; i < 2000; i++) {
      const instant = Date.UTC(1990, 0, 1) + Math.floor(random() * 50 * 365 * 86_400) * 1000;
      expect(zone.offsetAt(instant)).toBe(intlOffsetMs(timezone, instant));
    }
  });

  it('finds the Lord Howe transitions (30 minutes) to the second', () => {
    const zone = new Zone('Australia/Lord_Howe');
    const spring = zone.firstTransitionIn(Date.parse('2026-09-01T00:00:00Z'), Date.parse('2026-11-01T00:00:00Z'));
    expect(spring).toEqual({ at: Date.parse('2026-10-03T15:30:00Z'), beforeMs: 10.5 * HOUR, afterMs: 11 * HOUR });
    const autumn = zone.lastTransitionIn(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-05-01T00:00:00Z'));
    expect(autumn).toEqual({ at: Date.parse('2026-04-04T15:00:00Z'), beforeMs: 11 * HOUR, afterMs: 10.5 * HOUR });
    expect(zone.offsetAt(spring!.at - 1000)).toBe(10.5 * HOUR);
    expect(zone.offsetAt(spring!.at)).toBe(11 * HOUR);
  });

  it('has no transitions and no Intl lookups in UTC', () => {
    const zone = new Zone('UTC');
    expect(zone.isUtc).toBe(true);
    expect(zone.offsetAt(Date.parse('2026-07-01T00:00:00Z'))).toBe(0);
    expect(zone.firstTransitionIn(0, Date.parse('2100-01-01T00:00:00Z'))).toBeUndefined();
    expect(new Zone('Etc/UTC').isUtc).toBe(true);
    expect(new Zone('Europe/London').isUtc).toBe(false);
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => new Zone('Mars/Olympus')).toThrow(RangeError);
  });
});
