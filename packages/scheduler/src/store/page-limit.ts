/** Default page size of `listRuns`. */
const DEFAULT_PAGE_SIZE = 50;
/** Largest page `listRuns` returns. */
const MAX_PAGE_SIZE = 1000;

/** The page size for a requested `limit`: default 50, capped to 1..1000. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

/** `value` as an array (for filters that take one value or several). */
export function asList<T>(value: T | readonly T[] | undefined): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
