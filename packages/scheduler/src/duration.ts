import { describeValue, invalidOption, type OptionSite, primitiveSite } from './job/invalid.js';
import type { Duration } from './job/types.js';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h|d)$/;

/**
 * Converts a {@link Duration} to milliseconds: a number is taken as
 * milliseconds; a string is a number followed by one unit, `ms`, `s`, `m`,
 * `h` or `d` (`'250ms'`, `'90s'`, `'15m'`, `'24h'`, `'7d'`, `'1.5h'`).
 *
 * @param value - the duration
 * @param field - the option it came from, named in the error (e.g. `catchUp.window`)
 * @returns the duration in milliseconds (finite, zero or more)
 * @throws {@link InvalidJobError} (code `INVALID_JOB`, `field` set) when `value`
 * is negative, not finite, or a string in another format
 *
 * @example
 * ```ts
 * parseDuration('15m', 'window'); // 900000
 * parseDuration(2500, 'window');  // 2500
 * ```
 */
export function parseDuration(value: Duration, field: string): number {
  return durationMs(value, field, primitiveSite('parseDuration'));
}

/** @internal {@link parseDuration} with the site of the option, for `defineJob` messages. */
export function durationMs(value: unknown, field: string, site: OptionSite): number {
  const expected =
    'a duration: milliseconds (a finite number, zero or more) or a string like "250ms", "90s", "15m", "24h" or "7d"';
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw invalidOption(site, field, expected, value);
  }
  if (typeof value === 'string') {
    const match = DURATION_PATTERN.exec(value.trim());
    if (match) return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    const hint = /^\d+\s*[a-zA-Z]+$/.test(value.trim())
      ? `Use one of the units ms, s, m, h, d (not ${describeValue(value.replace(/^[\d\s.]+/, ''))}).`
      : undefined;
    throw invalidOption(site, field, expected, value, hint);
  }
  throw invalidOption(site, field, expected, value);
}
