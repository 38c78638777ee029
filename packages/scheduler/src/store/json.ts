/**
 * A JSON round trip of `value`, so every store keeps exactly what a SQL store
 * would give back (dates become ISO strings, `undefined` members vanish).
 */
export function jsonClone<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `JSON.stringify`, or `null` for `undefined` (a SQL NULL). */
export function toJsonText(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Parses a JSON column; SQL NULL gives `undefined`. */
export function fromJsonText<T = unknown>(text: string | null | undefined): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as T);
}
