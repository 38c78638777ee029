import { StoreError } from '../core/errors.js';

/** `JSON.stringify`, failing with a {@link StoreError} naming `what` for values JSON cannot hold (BigInt, cycles). */
function stringify(value: unknown, what: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new StoreError(
      'serialize',
      `${what} cannot be stored: it is not JSON-serializable (${(error as Error).message}). Return plain JSON data (no BigInt, no cycles).`,
      { cause: error },
    );
  }
}

/**
 * A JSON round trip of `value`, so every store keeps exactly what a SQL store
 * would give back (dates become ISO strings, `undefined` members vanish).
 */
export function jsonClone<T>(value: T, what = 'The value'): T {
  if (value === undefined) return value;
  return JSON.parse(stringify(value, what)) as T;
}

/** `JSON.stringify`, or `null` for `undefined` (a SQL NULL). */
export function toJsonText(value: unknown, what = 'The value'): string | null {
  return value === undefined ? null : stringify(value, what);
}

/** Parses a JSON column; SQL NULL gives `undefined`. */
export function fromJsonText<T = unknown>(text: string | null | undefined): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as T);
}
