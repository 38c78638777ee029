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

function nextTable(allowed: readonly number[], size: number): Int8Array {
  const table = new Int8Array(size + 1).fill(-1);
  let next = -1;
  for (let v = size - 1; v >= 0; v--) {
    if (allowed.includes(v)) next = v;
    table[v] = next;
  }
  return table;
}

function prevTable(allowed: readonly number[], size: number): Int8Array {
  const table = new Int8Array(size + 1).fill(-1);
  let prev = -1;
  for (let v = 0; v < size; v++) {
    if (allowed.includes(v)) prev = v;
    table[v] = prev;
  }
  return table;
}

function numbers(field: FieldValues): number[] {
  return field.values.filter((v): v is number => typeof v === 'number');
}

/** Builds the lookup tables from cron-parser's six parsed fields (6-field order). */
export function compileFields(fields: readonly FieldValues[], hourToken: string): CompiledFields {
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields as [
    FieldValues,
    FieldValues,
    FieldValues,
    FieldValues,
    FieldValues,
    FieldValues,
  ];
  const hours = numbers(hour);
  const dom = new Uint8Array(32);
  for (const d of numbers(dayOfMonth)) dom[d] = 1;
  const dow = new Uint8Array(7);
  for (const d of numbers(dayOfWeek)) dow[d % 7] = 1;
  const dowLast = new Uint8Array(7);
  for (const v of dayOfWeek.values) {
    if (typeof v === 'string' && v.endsWith('L') && v.length > 1) dowLast[Number.parseInt(v, 10) % 7] = 1;
  }
  return {
    nextSecond: nextTable(numbers(second), 60),
    prevSecond: prevTable(numbers(second), 60),
    nextMinute: nextTable(numbers(minute), 60),
    prevMinute: prevTable(numbers(minute), 60),
    nextHour: nextTable(hours, 24),
    prevHour: prevTable(hours, 24),
    nextMonth: nextTable(numbers(month), 13),
    prevMonth: prevTable(numbers(month), 13),
    dom,
    domLast: dayOfMonth.values.includes('L'),
    domRestricted: !dayOfMonth.wildcard,
    dow,
    dowLast,
    dowHasLast: dowLast.includes(1),
    nth: dayOfWeek.nth,
    dowRestricted: !dayOfWeek.wildcard,
    intervalLike: /[*?/]/.test(hourToken) || new Set(hours).size === 24,
  };
}
