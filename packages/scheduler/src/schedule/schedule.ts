/**
 * `parseSchedule`: a cron expression bound to a time zone and a DST policy,
 * answering "when next?" as pure functions of a reference time.
 */

import { MemoCache } from './cache.js';
import { SECOND_MS } from './calendar.js';
import { type DstPolicy, INTERVAL_POLICY, slotAtOrAfter, slotAtOrBefore } from './dst.js';
import type { DstOptions } from './dst-options.js';
import type { CompiledFields } from './fields.js';
import { type ErrorSite, scheduleError } from './messages.js';
import { parseFields } from './parse.js';
import type { Zone } from './zone.js';
import { zoneFor } from './zones.js';

/** Options of {@link parseSchedule}. */
export interface ScheduleOptions {
  /**
   * IANA time zone the expression's wall-clock fields are read in.
   * @default 'UTC'
   */
  timezone?: string;
  /**
   * What a fixed-time slot does when DST removes or repeats its wall time.
   * Ignored by interval-like schedules (see {@link Schedule.intervalLike}).
   * @default { gap: 'run-at-jump', repeat: 'first' }
   */
  dst?: DstOptions;
  /** The job this schedule belongs to; only used to name it in error messages. */
  job?: string;
}

/**
 * A parsed, validated cron schedule in one time zone. Immutable; every method
 * is a pure function of its arguments (no clock is read), so it can be used
 * standalone, without a scheduler.
 *
 * Slots are whole seconds. DST behaviour:
 * - a fixed-time slot (hour field fixed) whose wall time falls in a
 *   spring-forward gap runs once at the jump instant (`dst.gap: 'run-at-jump'`)
 *   or not at all (`'skip'`); several gap slots of one night collapse into the
 *   one jump run;
 * - a fixed-time slot in the repeated autumn hour runs once, at its first
 *   occurrence (`dst.repeat: 'first'`) or at both (`'both'`);
 * - an interval-like schedule runs at every real instant whose wall time
 *   matches: nothing for wall times inside a gap, twice in a repeated hour.
 */
export interface Schedule {
  /** The expression as given. */
  readonly expression: string;
  /** The IANA time zone it is evaluated in. */
  readonly timezone: string;
  /** The DST policy in force for fixed-time slots (defaults filled in). */
  readonly dst: Readonly<Required<DstOptions>>;
  /**
   * True when the hour field is a wildcard, a step or covers all 24 hours
   * (`0 * * * *`, `0-59/15 * * * *`, `0 0-23/2 * * *`): such schedules run at every real instant
   * that matches their wall-clock fields and ignore {@link ScheduleOptions.dst}.
   */
  readonly intervalLike: boolean;
  /**
   * The first slot strictly after `after`, or `undefined` if the expression
   * never matches again (searched up to 400 years ahead).
   * @param after - reference instant (Date or epoch milliseconds)
   */
  next(after: Date | number): Date | undefined;
  /**
   * The next `count` slots strictly after `after`, oldest first (fewer if the
   * schedule ends).
   * @param count - how many slots (a non-negative integer)
   * @param after - reference instant
   */
  nextRuns(count: number, after: Date | number): Date[];
  /**
   * The latest slot strictly before `before`, or `undefined`.
   * @param before - reference instant
   */
  previous(before: Date | number): Date | undefined;
  /**
   * The slots in `(from, to]`, oldest first, at most `limit`.
   * @param from - exclusive start
   * @param to - inclusive end
   * @param limit - maximum number of slots returned (default 10,000)
   */
  slotsBetween(from: Date | number, to: Date | number, limit?: number): Date[];
}

const DEFAULT_SLOT_LIMIT = 10_000;
const GAP_VALUES = ['run-at-jump', 'skip'] as const;
const REPEAT_VALUES = ['first', 'both'] as const;
const schedules = new MemoCache<string, Schedule>(50_000);

/** Forgets memoised schedules (benchmarks measure cold parses with it). @internal */
export function clearScheduleCache(): void {
  schedules.clear();
}

function toMs(value: Date | number, name: string): number {
  const ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new TypeError(`Expected \`${name}\` to be a valid Date or epoch milliseconds, got ${String(value)}.`);
  }
  return ms;
}

class CronSchedule implements Schedule {
  readonly expression: string;
  readonly timezone: string;
  readonly dst: Readonly<Required<DstOptions>>;
  readonly intervalLike: boolean;
  readonly #fields: CompiledFields;
  readonly #zone: Zone;
  readonly #policy: DstPolicy;

  constructor(expression: string, zone: Zone, fields: CompiledFields, dst: Required<DstOptions>) {
    this.expression = expression;
    this.timezone = zone.name;
    this.dst = Object.freeze(dst);
    this.intervalLike = fields.intervalLike;
    this.#fields = fields;
    this.#zone = zone;
    this.#policy = fields.intervalLike ? INTERVAL_POLICY : dst;
    Object.freeze(this);
  }

  next(after: Date | number): Date | undefined {
    const from = Math.floor(toMs(after, 'after') / SECOND_MS) * SECOND_MS + SECOND_MS;
    const slot = slotAtOrAfter(this.#fields, this.#zone, this.#policy, from);
    return slot === undefined ? undefined : new Date(slot);
  }

  nextRuns(count: number, after: Date | number): Date[] {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`Expected \`count\` to be a non-negative integer, got ${String(count)}.`);
    }
    const runs: Date[] = [];
    let cursor: Date | number = after;
    while (runs.length < count) {
      const slot = this.next(cursor);
      if (slot === undefined) break;
      runs.push(slot);
      cursor = slot;
    }
    return runs;
  }

  previous(before: Date | number): Date | undefined {
    const from = Math.ceil(toMs(before, 'before') / SECOND_MS) * SECOND_MS - SECOND_MS;
    const slot = slotAtOrBefore(this.#fields, this.#zone, this.#policy, from);
    return slot === undefined ? undefined : new Date(slot);
  }

  slotsBetween(from: Date | number, to: Date | number, limit = DEFAULT_SLOT_LIMIT): Date[] {
    const end = toMs(to, 'to');
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(`Expected \`limit\` to be a non-negative integer, got ${String(limit)}.`);
    }
    const slots: Date[] = [];
    let cursor: Date | number = toMs(from, 'from');
    while (slots.length < limit) {
      const slot = this.next(cursor);
      if (slot === undefined || slot.getTime() > end) break;
      slots.push(slot);
      cursor = slot;
    }
    return slots;
  }
}

function dstPolicy(site: ErrorSite, dst: DstOptions | undefined): Required<DstOptions> {
  const gap = dst?.gap ?? 'run-at-jump';
  const repeat = dst?.repeat ?? 'first';
  if (!(GAP_VALUES as readonly string[]).includes(gap)) {
    throw scheduleError(site, `dst.gap must be "run-at-jump" or "skip", got ${JSON.stringify(gap)}.`, 'dst.gap');
  }
  if (!(REPEAT_VALUES as readonly string[]).includes(repeat)) {
    throw scheduleError(site, `dst.repeat must be "first" or "both", got ${JSON.stringify(repeat)}.`, 'dst.repeat');
  }
  return { gap, repeat };
}

/**
 * Parses and validates a cron expression into a {@link Schedule}: a standalone
 * primitive, usable without the scheduler.
 *
 * Accepts 5 fields (`minute hour day-of-month month day-of-week`), 6 fields
 * (a leading `second`), and the nicknames `@yearly`, `@annually`, `@monthly`,
 * `@weekly`, `@daily`, `@midnight`, `@hourly`. Field syntax is cron-parser's
 * (v5): lists, ranges, steps, month and weekday names, `L` (last day of the
 * month, or `5L` last Friday), `#` (`1#2`: second Monday), `?`, and `H`
 * (hashed, seeded by `options.job`, else by the expression). When both
 * day-of-month and day-of-week are restricted, a day matching either runs.
 *
 * Results are memoised per (expression, timezone, dst), so parsing the same
 * schedule again is a map lookup.
 *
 * @param expression - the cron expression
 * @param options - time zone, DST policy, and the job name for messages
 * @returns the immutable schedule
 * @throws {@link InvalidScheduleError} naming the job (when given), the
 *   expression, and the bad field with its allowed range (`hour "25" is out
 *   of range 0-23`); `field` is `'timezone'` for an unknown zone, `'dst.gap'` /
 *   `'dst.repeat'` for an unknown DST option.
 *
 * @example
 * ```ts
 * import { parseSchedule } from '@pokemon/scheduler';
 *
 * const schedule = parseSchedule('30 2 * * *', { timezone: 'Europe/Paris' });
 * schedule.next(new Date('2026-03-28T12:00:00Z'));
 * // 2026-03-29T01:00:00.000Z: 02:30 does not exist that night, so it runs at the jump (03:00 CEST)
 * schedule.nextRuns(3, Date.now());
 * schedule.previous(new Date());
 *
 * parseSchedule('0 25 * * *', { job: 'sync-cards' });
 * // throws InvalidScheduleError:
 * // Job "sync-cards": invalid schedule "0 25 * * *": hour "25" is out of range 0-23.
 * ```
 */
export function parseSchedule(expression: string, options: ScheduleOptions = {}): Schedule {
  const timezone = options.timezone ?? 'UTC';
  const site: ErrorSite = { expression: String(expression), job: options.job };
  if (typeof expression !== 'string') {
    throw scheduleError(site, `expected a string, got ${typeof expression}.`, 'expression');
  }
  const dst = dstPolicy(site, options.dst);
  const hashed = expression.includes('H');
  const key = `${expression}\u0000${timezone}\u0000${dst.gap}\u0000${dst.repeat}${hashed ? `\u0000${options.job}` : ''}`;
  const cached = schedules.get(key);
  if (cached) return cached;
  const zone = zoneFor(timezone, site);
  const fields = parseFields(site, options.job);
  const schedule = new CronSchedule(expression, zone, fields, dst);
  schedules.set(key, schedule);
  return schedule;
}
