import { closestKey } from './closest-key.js';
import { invalidOption, isPlainObject, type OptionSite, oneOf, optionError } from './invalid.js';

/**
 * Small validators shared by `defineJob` and the primitives. Each returns the
 * value (narrowed, default applied) or throws an `InvalidJobError` (a job's
 * option) or `InvalidOptionError` (a component's) with the
 * one message template.
 *
 * @internal
 */

/** A finite number > 0. */
export function positiveNumber(site: OptionSite, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw invalidOption(site, field, 'a positive finite number (milliseconds)', value);
}

/** A finite number >= 0. */
export function nonNegativeNumber(site: OptionSite, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw invalidOption(site, field, 'a finite number, zero or more (milliseconds)', value);
}

/** An integer >= `min`. */
export function integerAtLeast(site: OptionSite, field: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  throw invalidOption(site, field, `an integer of at least ${min}`, value);
}

/** One of `allowed`. */
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

/** A boolean. */
export function boolean(site: OptionSite, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw invalidOption(site, field, 'true or false', value);
}

/** An optional function. */
export function optionalFunction<F>(site: OptionSite, field: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return value as F;
  throw invalidOption(site, field, 'a function', value);
}

/** An optional string. */
export function optionalString(site: OptionSite, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw invalidOption(site, field, 'a string', value);
}

/**
 * An optional object of options (`undefined` → `{}`) whose keys are all in
 * `known`; an unknown key is reported with the closest known one.
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

/** Throws on the first key of `value` not in `known`, suggesting the closest known key. */
export function rejectUnknownKeys(
  site: OptionSite,
  field: string | undefined,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const path = field ? `${field}.${key}` : key;
    const suggestion = closestKey(key, known);
    const hint = suggestion
      ? `Did you mean \`${field ? `${field}.` : ''}${suggestion}\`?`
      : `Known options: ${known.join(', ')}.`;
    throw optionError(site, path, `${site.label}: unknown option \`${path}\`. ${hint}`);
  }
}
