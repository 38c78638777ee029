/**
 * Wall-clock date math on "wall milliseconds": a local date and time encoded
 * as if it were UTC (`Date.UTC(y, m - 1, d, h, mi, s)`). No time zone is
 * involved here; `zone.ts` maps wall times to real instants.
 *
 * @internal
 */
import type { CompiledFields } from './fields.js';

/** Milliseconds in a second, minute, hour, day. */
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** How far a search goes before concluding a schedule never fires again (400 years: one Gregorian cycle). */
const HORIZON_DAYS = 146_097 + 1;

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian; Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** A civil date. */
interface Civil {
  year: number;
  month: number;
  day: number;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): Civil {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day of week (0 = Sunday) of a day number. */
function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/**
 * Whether a day matches the day-of-month and day-of-week fields, with
 * cron-parser's rules: when both are restricted either may match (OR); when
 * one is a wildcard (`*` or `?`) only the other counts.
 */
export function dayMatches(f: CompiledFields, days: number, day: number, monthDays: number): boolean {
  const matchedDom = f.dom[day] === 1 || (f.domLast && day === monthDays);
  if (!f.dowRestricted) return matchedDom;
  const dow = weekday(days);
  const matchedDow =
    (f.dow[dow] === 1 && (f.nth === 0 || Math.ceil(day / 7) === f.nth)) ||
    (f.dowHasLast && f.dowLast[dow] === 1 && day + 7 > monthDays);
  return f.domRestricted ? matchedDom || matchedDow : matchedDow;
}

/** The first allowed second of the day at or after h:m:s, or -1. */
function timeAtOrAfter(f: CompiledFields, h: number, m: number, s: number): number {
  const hour = f.nextHour[h]!;
  if (hour < 0) return -1;
  const firstMinute = f.nextMinute[0]!;
  const firstSecond = f.nextSecond[0]!;
  if (hour > h) return hour * 3600 + firstMinute * 60 + firstSecond;
  const minute = f.nextMinute[m]!;
  if (minute > m) return h * 3600 + minute * 60 + firstSecond;
  if (minute === m) {
    const second = f.nextSecond[s]!;
    if (second >= 0) return h * 3600 + m * 60 + second;
    const later = f.nextMinute[m + 1]!;
    if (later >= 0) return h * 3600 + later * 60 + firstSecond;
  }
  const laterHour = f.nextHour[h + 1]!;
  return laterHour < 0 ? -1 : laterHour * 3600 + firstMinute * 60 + firstSecond;
}

/** The last allowed second of the day at or before h:m:s, or -1. */
function timeAtOrBefore(f: CompiledFields, h: number, m: number, s: number): number {
  const hour = f.prevHour[h]!;
  if (hour < 0) return -1;
  const lastMinute = f.prevMinute[59]!;
  const lastSecond = f.prevSecond[59]!;
  if (hour < h) return hour * 3600 + lastMinute * 60 + lastSecond;
  const minute = f.prevMinute[m]!;
  if (minute >= 0 && minute < m) return h * 3600 + minute * 60 + lastSecond;
  if (minute === m) {
    const second = f.prevSecond[s]!;
    if (second >= 0) return h * 3600 + m * 60 + second;
    const earlier = m > 0 ? f.prevMinute[m - 1]! : -1;
    if (earlier >= 0) return h * 3600 + earlier * 60 + lastSecond;
  }
  const earlierHour = h > 0 ? f.prevHour[h - 1]! : -1;
  return earlierHour < 0 ? -1 : earlierHour * 3600 + lastMinute * 60 + lastSecond;
}

/** The first matching wall time at or after `wall` (whole seconds), or `undefined` within the horizon. */
export function nextWall(f: CompiledFields, wall: number): number | undefined {
  let days = Math.floor(wall / DAY_MS);
  let sod = Math.floor((wall - days * DAY_MS) / SECOND_MS);
  let { year, month, day } = civilFromDays(days);
  const limit = days + HORIZON_DAYS;
  while (days <= limit) {
    const allowedMonth = f.nextMonth[month]!;
    if (allowedMonth !== month) {
      if (allowedMonth < 0) {
        year++;
        month = f.nextMonth[1]!;
      } else month = allowedMonth;
      day = 1;
      days = daysFromCivil(year, month, 1);
      sod = 0;
      continue;
    }
    const monthDays = daysInMonth(year, month);
    if (dayMatches(f, days, day, monthDays)) {
      const t = timeAtOrAfter(f, Math.floor(sod / 3600), Math.floor(sod / 60) % 60, sod % 60);
      if (t >= 0) return days * DAY_MS + t * SECOND_MS;
    }
    days++;
    sod = 0;
    if (++day > monthDays) {
      day = 1;
      if (++month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return undefined;
}

/** The last matching wall time at or before `wall` (whole seconds), or `undefined` within the horizon. */
export function previousWall(f: CompiledFields, wall: number): number | undefined {
  const lastSod = 86_399;
  let days = Math.floor(wall / DAY_MS);
  let sod = Math.floor((wall - days * DAY_MS) / SECOND_MS);
  let { year, month, day } = civilFromDays(days);
  const limit = days - HORIZON_DAYS;
  while (days >= limit) {
    const allowedMonth = f.prevMonth[month]!;
    if (allowedMonth !== month) {
      if (allowedMonth < 0) {
        year--;
        month = f.prevMonth[12]!;
      } else month = allowedMonth;
      day = daysInMonth(year, month);
      days = daysFromCivil(year, month, day);
      sod = lastSod;
      continue;
    }
    const monthDays = daysInMonth(year, month);
    if (dayMatches(f, days, day, monthDays)) {
      const t = timeAtOrBefore(f, Math.floor(sod / 3600), Math.floor(sod / 60) % 60, sod % 60);
      if (t >= 0) return days * DAY_MS + t * SECOND_MS;
    }
    days--;
    sod = lastSod;
    if (--day < 1) {
      if (--month < 1) {
        month = 12;
        year--;
      }
      day = daysInMonth(year, month);
    }
  }
  return undefined;
}
