/**
 * The six cron fields, their names in messages and their allowed ranges, and
 * the compiled lookup tables the date math runs on.
 *
 * @internal
 */

/** The name of a cron field as used in error messages. */
export type CronFieldName = 'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

/** Field names in 6-field order (leading second). */
export const FIELD_NAMES: readonly CronFieldName[] = [
  'second',
  'minute',
  'hour',
  'day-of-month',
  'month',
  'day-of-week',
];

/** Allowed range of each field, as shown in messages. */
export const FIELD_RANGES: Readonly<Record<CronFieldName, string>> = {
  second: '0-59',
  minute: '0-59',
  hour: '0-23',
  'day-of-month': '1-31',
  month: '1-12',
  'day-of-week': '0-7',
};

/** What else a field accepts besides numbers, lists, ranges and steps. */
export const FIELD_EXTRAS: Readonly<Record<CronFieldName, string>> = {
  second: '',
  minute: '',
  hour: '',
  'day-of-month': ', or L (last day)',
  month: ', or JAN-DEC',
  'day-of-week': ' (0 and 7 are Sunday), SUN-SAT, 5L (last Friday) or 1#2 (second Monday)',
};

/**
 * A parsed cron expression reduced to lookup tables: `nextX[v]` is the
 * smallest allowed value >= v (or -1), `prevX[v]` the largest <= v (or -1).
 * Day matching follows cron-parser's rules (see `dayMatches`).
 */
export interface CompiledFields {
  readonly nextSecond: Int8Array;
  readonly prevSecond: Int8Array;
  readonly nextMinute: Int8Array;
  readonly prevMinute: Int8Array;
  readonly nextHour: Int8Array;
  readonly prevHour: Int8Array;
  /** Indexed 1-12 (index 0 and 13 unused). */
  readonly nextMonth: Int8Array;
  readonly prevMonth: Int8Array;
  /** Indexed 1-31. */
  readonly dom: Uint8Array;
  readonly domLast: boolean;
  readonly domRestricted: boolean;
  /** Indexed 0-6 (Sunday = 0). */
  readonly dow: Uint8Array;
  /** `nL`: the last weekday n of the month. Indexed 0-6. */
  readonly dowLast: Uint8Array;
  readonly dowHasLast: boolean;
  /** `n#k`: only the k-th such weekday of the month; 0 when absent. */
  readonly nth: number;
  readonly dowRestricted: boolean;
  /** The hour field is a wildcard, a step, or covers all 24 hours. */
  readonly intervalLike: boolean;
}

/** The raw material of one parsed field, as cron-parser reports it. */
export interface FieldValues {
  readonly values: readonly (number | string)[];
  readonly wildcard: boolean;
  readonly nth: number;
}

function nextTable(allowed: ReadonlySet<number>, size: number): Int8Array {
  const table = new Int8Array(size + 1).fill(-1);
  let next = -1;
  for (let v = size - 1; v >= 0; v--) {
    if (allowed.has(v)) next = v;
    table[v] = next;
  }
  return table;
}

function prevTable(allowed: ReadonlySet<number>, size: number): Int8Array {
  const table = new Int8Array(size + 1).fill(-1);
  let prev = -1;
  for (let v = 0; v < size; v++) {
    if (allowed.has(v)) prev = v;
    table[v] = prev;
  }
  return table;
}

function numbers(field: FieldValues): Set<number> {
  return new Set(field.values.filter((v): v is number => typeof v === 'number'));
}

/** Lookup tables of a second, minute, hour or month field. */
export interface RangeTable {
  readonly kind: 'range';
  readonly next: Int8Array;
  readonly prev: Int8Array;
  /** How many distinct values the field allows. */
  readonly count: number;
}

/** Lookup table of a day-of-month field. */
export interface DayOfMonthTable {
  readonly kind: 'day-of-month';
  readonly days: Uint8Array;
  readonly last: boolean;
  readonly restricted: boolean;
}

/** Lookup tables of a day-of-week field. */
export interface DayOfWeekTable {
  readonly kind: 'day-of-week';
  readonly days: Uint8Array;
  readonly last: Uint8Array;
  readonly hasLast: boolean;
  readonly nth: number;
  readonly restricted: boolean;
}

/** The compiled form of one field; memoised per (field, token) by the parser. */
export type FieldTable = RangeTable | DayOfMonthTable | DayOfWeekTable;

/** Compiles one field (position in 6-field order) from cron-parser's values. */
export function compileField(position: number, field: FieldValues): FieldTable {
  const allowed = numbers(field);
  if (position === 3) {
    const days = new Uint8Array(32);
    for (const d of allowed) days[d] = 1;
    return { kind: 'day-of-month', days, last: field.values.includes('L'), restricted: !field.wildcard };
  }
  if (position === 5) {
    const days = new Uint8Array(7);
    for (const d of allowed) days[d % 7] = 1;
    const last = new Uint8Array(7);
    for (const v of field.values) {
      if (typeof v === 'string' && v.endsWith('L') && v.length > 1) last[Number.parseInt(v, 10) % 7] = 1;
    }
    return { kind: 'day-of-week', days, last, hasLast: last.includes(1), nth: field.nth, restricted: !field.wildcard };
  }
  const size = position === 2 ? 24 : position === 4 ? 13 : 60;
  return { kind: 'range', next: nextTable(allowed, size), prev: prevTable(allowed, size), count: allowed.size };
}

function expectKind<K extends FieldTable['kind']>(
  table: FieldTable | undefined,
  kind: K,
): Extract<FieldTable, { kind: K }> {
  if (table?.kind !== kind) throw new TypeError(`internal: expected a ${kind} field table`);
  return table as Extract<FieldTable, { kind: K }>;
}

/** Assembles the six compiled fields (6-field order) into one {@link CompiledFields}. */
export function assembleFields(tables: readonly FieldTable[], hourToken: string): CompiledFields {
  const second = expectKind(tables[0], 'range');
  const minute = expectKind(tables[1], 'range');
  const hour = expectKind(tables[2], 'range');
  const dayOfMonth = expectKind(tables[3], 'day-of-month');
  const month = expectKind(tables[4], 'range');
  const dayOfWeek = expectKind(tables[5], 'day-of-week');
  return {
    nextSecond: second.next,
    prevSecond: second.prev,
    nextMinute: minute.next,
    prevMinute: minute.prev,
    nextHour: hour.next,
    prevHour: hour.prev,
    nextMonth: month.next,
    prevMonth: month.prev,
    dom: dayOfMonth.days,
    domLast: dayOfMonth.last,
    domRestricted: dayOfMonth.restricted,
    dow: dayOfWeek.days,
    dowLast: dayOfWeek.last,
    dowHasLast: dayOfWeek.hasLast,
    nth: dayOfWeek.nth,
    dowRestricted: dayOfWeek.restricted,
    intervalLike: /[*?/]/.test(hourToken) || hour.count === 24,
  };
}
