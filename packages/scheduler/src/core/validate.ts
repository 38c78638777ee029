import { InvalidJobError, InvalidOptionError } from './errors.js';

/**
 * The one validator kit of the package. Every validator returns the value
 * (narrowed, default applied) or throws, with the one message template:
 * ``Expected `timeoutMs` of Job "sync-cards" to be a positive finite number, got `-1`.``
 * An option of a job definition throws an `InvalidJobError`; an option of a
 * component (`createScheduler`, `retry()`, `slackNotifier`...) an `InvalidOptionError`.
 *
 * @internal
 */

/** Where a bad option was found. @internal */
export interface OptionSite {
  /** The job, when known (copied to {@link InvalidJobError.job}). */
  readonly job: string | undefined;
  /** The owner named in the message, e.g. `Job "sync-cards"` or `retry()`. */
  readonly label: string;
  /** The component the options belong to (`retry`, `createScheduler`...), when they are not a job's. */
  readonly component?: string;
}

/** @internal The site of an option of job `job` (or of a job whose name is not known yet). */
export function jobSite(job: string | undefined): OptionSite {
  return { job, label: job === undefined ? 'defineJob()' : `Job "${job}"` };
}

/** @internal The site of an option of a component: `retry()` for `retry`, `createScheduler`... */
export function componentSite(component: string, label: string = component): OptionSite {
  return { job: undefined, label, component };
}

/** @internal The error for a bad option at `site`, with `message` as is. */
export function optionError(site: OptionSite, field: string, message: string): InvalidJobError | InvalidOptionError {
  if (site.component !== undefined)
    return new InvalidOptionError(message, { component: site.component, option: field });
  return new InvalidJobError(message, { job: site.job, field });
}

/**
 * @internal The error of the one template, followed by an optional hint
 * saying what to do. `got` is shown unless `secret` (then "value not shown").
 */
export function invalidOption(
  site: OptionSite,
  field: string,
  expected: string,
  got: unknown,
  hint?: string,
): InvalidJobError | InvalidOptionError {
  const tail = hint ? ` ${hint}` : '';
  return optionError(
    site,
    field,
    `Expected \`${field}\` of ${site.label} to be ${expected}, got ${describeValue(got)}.${tail}`,
  );
}

/** @internal The error for a secret option: the template without the value. */
export function invalidSecret(
  site: OptionSite,
  field: string,
  expected: string,
  hint?: string,
): InvalidOptionError | InvalidJobError {
  const tail = hint ? ` ${hint}` : '';
  return optionError(
    site,
    field,
    `Expected \`${field}\` of ${site.label} to be ${expected} (value not shown: it is a secret).${tail}`,
  );
}

/** @internal A short rendering of any value: primitives in backticks, others described. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `\`${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}\``;
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean')
    return `\`${String(value)}\``;
  if (typeof value === 'bigint') return `\`${value}n\``;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return `\`${value.toString()}\``;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}

/** @internal `true` for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal Lists allowed literal values for a message: `one of 'a', 'b' or 'c'`. */
export function oneOf(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 1) return `${quoted[0] ?? ''}`;
  return `one of ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** @internal A finite number > 0. */
export function positiveNumber(site: OptionSite, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw invalidOption(site, field, 'a positive finite number', value);
}

/** @internal A finite number >= 0. */
export function nonNegativeNumber(site: OptionSite, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw invalidOption(site, field, 'a non-negative finite number', value);
}

/** @internal An integer in `[min, max]` (`max` defaults to none). */
export function integerInRange(
  site: OptionSite,
  field: string,
  value: unknown,
  range: { min: number; max?: number },
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const { min, max = Number.POSITIVE_INFINITY } = range;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const expected =
    max === Number.POSITIVE_INFINITY ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  throw invalidOption(site, field, expected, value);
}

/** @internal An integer >= `min`. */
export function integerAtLeast(site: OptionSite, field: string, value: unknown, min: number, fallback: number): number {
  return integerInRange(site, field, value, { min }, fallback);
}

/** @internal One of `allowed`. */
export function literal<T extends string>(
  site: OptionSite,
  field: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidOption(site, field, oneOf(allowed), value);
}

/** @internal A boolean. */
export function boolean(site: OptionSite, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw invalidOption(site, field, 'true or false', value);
}

/** @internal An optional function. */
export function optionalFunction<F>(site: OptionSite, field: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return value as F;
  throw invalidOption(site, field, 'a function', value);
}

/** @internal An optional string. */
export function optionalString(site: OptionSite, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw invalidOption(site, field, 'a string', value);
}

/** @internal A non-empty string (`undefined` → `fallback()`). */
export function nonEmptyString(site: OptionSite, field: string, value: unknown, fallback: () => string): string {
  if (value === undefined) return fallback();
  if (typeof value === 'string' && value.length > 0) return value;
  throw invalidOption(site, field, 'a non-empty string', value);
}

/**
 * @internal An optional object of options (`undefined` → `{}`) whose keys are
 * all in `known`; an unknown key is reported with the closest known one.
 */
export function optionsObject(
  site: OptionSite,
  field: string,
  value: unknown,
  known: readonly string[],
): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw invalidOption(site, field, `an object with ${known.join(', ')}`, value);
  rejectUnknownKeys(site, field, value, known);
  return value;
}

/** @internal Throws on the first key of `value` not in `known`, suggesting the closest known key. */
export function rejectUnknownKeys(
  site: OptionSite,
  field: string | undefined,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  const prefix = field ? `${field}.` : '';
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestion = closestKey(key, known);
    const hint = suggestion ? `Did you mean \`${prefix}${suggestion}\`?` : `Known options: ${known.join(', ')}.`;
    throw optionError(site, `${prefix}${key}`, `Unknown option \`${prefix}${key}\` of ${site.label}. ${hint}`);
  }
}

/**
 * @internal The known key closest to `key` (Levenshtein distance,
 * case-insensitive), when it is a plausible typo; otherwise `undefined`.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
