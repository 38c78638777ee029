/**
 * Parsing and validation with cron-parser, THE parser of this library.
 *
 * cron-parser's `parse()` costs ~0.1 ms per expression (it builds time-zone
 * aware dates), too slow for 10,000 jobs, so each distinct field token is
 * validated and expanded by cron-parser once (a probe expression where only
 * that field varies) and memoised; the six expanded fields are then compiled
 * into lookup tables for our own date math. Expressions using `H` (hashed
 * values, seeded) are parsed whole, since their fields share one random
 * sequence.
 *
 * @internal
 */
import { CronExpressionParser } from 'cron-parser';
import { MemoCache } from './cache.js';
import {
  assembleFields,
  type CompiledFields,
  type CronFieldName,
  compileField,
  FIELD_NAMES,
  type FieldTable,
  type FieldValues,
} from './fields.js';
import { type ErrorSite, fieldError, scheduleError } from './messages.js';

/** Supported nicknames and their 6-field expansion. */
export const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/** The fields of a probe expression other than the one under test. */
const PROBE_BASE = ['0', '0', '0', '*', '*', '*'];
const FIELD_KEYS = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;

const tokenCache = new MemoCache<string, FieldTable>(5_000);
const compiledCache = new MemoCache<string, CompiledFields>(20_000);

/** Forgets memoised tokens and compiled expressions (benchmarks measure cold parses with it). */
export function clearParseCaches(): void {
  tokenCache.clear();
  compiledCache.clear();
}

type ParsedFields = ReturnType<typeof CronExpressionParser.parse>['fields'];

function fieldValues(fields: ParsedFields, position: number): FieldValues {
  const field = fields[FIELD_KEYS[position]!];
  const nth = position === 5 ? fields.dayOfWeek.nthDay : 0;
  return { values: [...field.values], wildcard: field.isWildcard, nth };
}

/** Splits an expression into its six tokens (seconds first), expanding nicknames. */
export function tokenize(site: ErrorSite): string[] {
  const text = site.expression.trim();
  if (text.startsWith('@')) {
    const name = text.toLowerCase();
    if (name === '@reboot') {
      throw scheduleError(
        site,
        '"@reboot" is not supported: a scheduler has no boot time. Call trigger() when your service starts instead.',
      );
    }
    const expansion = NICKNAMES[name];
    if (expansion === undefined) {
      throw scheduleError(site, `unknown nickname "${text}". Use one of ${Object.keys(NICKNAMES).join(', ')}.`);
    }
    return expansion.split(' ');
  }
  if (text === '') {
    throw scheduleError(
      site,
      'the expression is empty. Give a cron expression with 5 or 6 fields (e.g. "0 3 * * *") or a nickname such as "@daily".',
    );
  }
  const tokens = text.split(/\s+/);
  if (tokens.length === 5) return ['0', ...tokens];
  if (tokens.length === 6) return tokens;
  throw scheduleError(
    site,
    `found ${tokens.length} field${tokens.length === 1 ? '' : 's'}, expected 5 (minute hour day-of-month month day-of-week) or 6 (second minute hour day-of-month month day-of-week).`,
  );
}

/** Validates and expands one token with cron-parser and compiles it, memoised per (field, token). */
function probeToken(site: ErrorSite, position: number, token: string): FieldTable {
  const key = `${position} ${token}`;
  const cached = tokenCache.get(key);
  if (cached) return cached;
  const probe = [...PROBE_BASE];
  probe[position] = token;
  let fields: ParsedFields;
  try {
    fields = CronExpressionParser.parse(probe.join(' ')).fields;
  } catch (error) {
    throw fieldError(site, FIELD_NAMES[position]!, token, error);
  }
  const table = compileField(position, fieldValues(fields, position));
  tokenCache.set(key, table);
  return table;
}

/** Parses a whole (hashed) expression with its seed; on failure finds the field to blame. */
function parseWhole(site: ErrorSite, tokens: readonly string[], seed: string): FieldTable[] {
  try {
    const fields = CronExpressionParser.parse(tokens.join(' '), { hashSeed: seed }).fields;
    return FIELD_NAMES.map((_, position) => compileField(position, fieldValues(fields, position)));
  } catch (error) {
    for (const [position, token] of tokens.entries()) probeToken(site, position, token);
    throw scheduleError(site, `${error instanceof Error ? error.message : String(error)}.`, undefined, error);
  }
}

const MAX_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Rejects a day-of-month that no allowed month has (`0 0 31 4 *`, `0 0 30 2 *`): it would never run. */
function assertReachable(site: ErrorSite, f: CompiledFields, tokens: readonly string[]): void {
  if (f.dowRestricted || f.domLast) return;
  for (let month = 1; month <= 12; month++) {
    if (f.nextMonth[month] !== month) continue;
    for (let day = 1; day <= MAX_DAYS[month]!; day++) if (f.dom[day] === 1) return;
  }
  throw scheduleError(
    site,
    `day-of-month "${tokens[3]}" never occurs in month "${tokens[4]}", so the schedule would never run. Pick days that exist in those months (or use L for the last day).`,
    'day-of-month' satisfies CronFieldName,
  );
}

/**
 * Parses and validates an expression into compiled fields, memoised per
 * expression (and seed, for hashed expressions).
 *
 * @throws InvalidScheduleError naming the bad field and its allowed range.
 */
export function parseFields(site: ErrorSite, seed: string | undefined): CompiledFields {
  const tokens = tokenize(site);
  const hashed = tokens.some((token) => token.includes('H'));
  const key = hashed ? `${tokens.join(' ')}#${seed ?? site.expression}` : tokens.join(' ');
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const tables = hashed
    ? parseWhole(site, tokens, seed ?? site.expression)
    : tokens.map((token, position) => probeToken(site, position, token));
  const compiled = assembleFields(tables, tokens[2]!);
  assertReachable(site, compiled, tokens);
  compiledCache.set(key, compiled);
  return compiled;
}
