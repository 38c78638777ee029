import { InvalidJobError, InvalidOptionError } from '../errors.js';

/**
 * Where a bad option was found, for the message prefix: `Job "x"` inside
 * `defineJob`, or the primitive's name (`retry()`, `withTimeout()`).
 *
 * @internal
 */
export interface OptionSite {
  /** The job, when known (copied to {@link InvalidJobError.job}). */
  readonly job: string | undefined;
  /** Message prefix, e.g. `Job "sync-cards"` or `retry()`. */
  readonly label: string;
  /** The component the options belong to (`retry`, `createScheduler`...), when they are not a job's. */
  readonly component?: string;
}

/** @internal The site of an option of job `job` (or of a job whose name is not known yet). */
export function jobSite(job: string | undefined): OptionSite {
  return { job, label: job === undefined ? 'defineJob()' : `Job "${job}"` };
}

/** @internal The site of an option of a standalone primitive, e.g. `retry()`. */
export function primitiveSite(name: string): OptionSite {
  return { job: undefined, label: `${name}()`, component: name };
}

/**
 * @internal The error for a bad option at `site`: an {@link InvalidOptionError}
 * for a component's options, an {@link InvalidJobError} for a job's.
 */
export function optionError(site: OptionSite, field: string, message: string): InvalidJobError | InvalidOptionError {
  if (site.component !== undefined)
    return new InvalidOptionError(message, { component: site.component, option: field });
  return new InvalidJobError(message, { job: site.job, field });
}

/**
 * Builds the one message template of every validation error:
 * ``Job "x": expected `timeoutMs` to be a positive finite number, got -1.``
 * followed by an optional hint saying what to do.
 *
 * @internal
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
    `${site.label}: expected \`${field}\` to be ${expected}, got ${describeValue(got)}.${tail}`,
  );
}

/** @internal A short, readable rendering of any value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}

/** @internal `true` for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal Lists allowed literal values for a message: `'a', 'b' or 'c'`. */
export function oneOf(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 1) return `${quoted[0] ?? ''}`;
  return `one of ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
