/** Parsers for command arguments; each throws a {@link UsageError} naming the flag. */
import { createMemoryStore, type RunStatus } from '@pokemon/scheduler';
import { RUN_STATUSES } from '@pokemon/scheduler/store';
import { UsageError } from './errors.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** A number (`90`, `1.5`, `.5`) and one unit: the one duration syntax of the runner's flags. */
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h|d|w)$/;

/**
 * A duration in ms (`90m`, `24h`, `1.5h`, `.5h`, `7d`, `2w`), or `undefined`
 * when `value` is not one.
 */
export function durationMs(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  return match ? Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]) : undefined;
}

/**
 * An instant: ISO 8601 (`2026-11-01`, `2026-11-01T03:00:00Z`) or a duration
 * before `now` (`90m`, `24h`, `.5h`, `7d`, `2w`).
 */
export function parseInstant(flag: string, value: string, now: Date): Date {
  const relative = durationMs(value);
  if (relative !== undefined) return new Date(now.getTime() - relative);
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new UsageError(
    `${flag}: expected an ISO date (2026-11-01T03:00:00Z) or a duration ago (24h, 7d), got "${value}"`,
  );
}

/** A whole number within bounds. */
export function parseWhole(flag: string, value: string, min: number, max: number): number {
  if (/^\d+$/.test(value.trim())) {
    const n = Number(value);
    if (n >= min && n <= max) return n;
  }
  throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got "${value}"`);
}

/** Comma-separated run statuses. */
export function parseStatuses(flag: string, value: string): RunStatus[] {
  const statuses = value.split(',').map((s) => s.trim());
  for (const status of statuses) {
    if (!(RUN_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`${flag}: expected statuses among ${RUN_STATUSES.join(', ')}, got "${status}"`);
    }
  }
  return statuses as RunStatus[];
}

/**
 * A history cursor, checked by the store's own decoder (an empty memory store
 * answers a page, or refuses the cursor), so a bad one is a usage error naming `flag`.
 */
export async function parseCursor(flag: string, value: string): Promise<string> {
  const store = createMemoryStore();
  try {
    await store.listRuns({ cursor: value, limit: 1 });
    return value;
  } catch {
    throw new UsageError(
      `${flag}: not a history cursor, got "${value}"; pass the nextCursor of a previous page unchanged, or omit it for the first page`,
    );
  } finally {
    await store.close();
  }
}
