/**
 * Time-zone offset math. A zone's UTC offsets are resolved with
 * `Intl.DateTimeFormat` and memoised in chunks of 28 days: each chunk samples
 * the offset once a day and bisects every change down to the second, so after
 * the first lookup an offset or a transition costs a map read.
 *
 * Limitation (documented): two transitions less than a day apart that cancel
 * each other out would not be seen; no current tz rule does that.
 *
 * @internal
 */
import { DAY_MS, SECOND_MS } from './calendar.js';

/** A change of UTC offset at instant `at`: `before` applies to instants < at, `after` from `at`. */
export interface Transition {
  readonly at: number;
  readonly beforeMs: number;
  readonly afterMs: number;
}

interface Chunk {
  readonly startOffsetMs: number;
  readonly transitions: readonly Transition[];
}

const CHUNK_DAYS = 28;
const CHUNK_MS = CHUNK_DAYS * DAY_MS;
/** Chunks kept per zone before the oldest are dropped (about 75 years). */
const MAX_CHUNKS = 1000;
const NONE: readonly Transition[] = [];
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Etc/UCT']);
const WALL_PATTERN = /(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)/;

/** A time zone's offsets and transitions, memoised. */
export class Zone {
  /** The zone name, its letter case canonicalised (`europe/paris` → `Europe/Paris`). */
  readonly name: string;
  /** True when the zone never changes offset (UTC and its aliases): no Intl calls at all. */
  readonly isUtc: boolean;
  readonly #format: Intl.DateTimeFormat | undefined;
  readonly #chunks = new Map<number, Chunk>();

  /** @throws RangeError when `Intl` does not know the zone. */
  constructor(name: string) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const resolved = format.resolvedOptions().timeZone;
    this.name = canonicalCase(name, resolved);
    this.isUtc = UTC_NAMES.has(resolved);
    this.#format = this.isUtc ? undefined : format;
  }

  /** The UTC offset (ms, wall minus UTC) in force at `instant`. */
  offsetAt(instant: number): number {
    if (this.isUtc) return 0;
    const chunk = this.#chunk(Math.floor(instant / CHUNK_MS));
    let offset = chunk.startOffsetMs;
    for (const t of chunk.transitions) {
      if (t.at > instant) break;
      offset = t.afterMs;
    }
    return offset;
  }

  /** The first transition with `from < at <= to`, if any. */
  firstTransitionIn(from: number, to: number): Transition | undefined {
    if (this.isUtc || to <= from) return undefined;
    const last = Math.floor(to / CHUNK_MS);
    for (let index = Math.floor(from / CHUNK_MS); index <= last; index++) {
      for (const t of this.#chunk(index).transitions) {
        if (t.at > to) return undefined;
        if (t.at > from) return t;
      }
    }
    return undefined;
  }

  /** The last transition with `from < at <= to`, if any. */
  lastTransitionIn(from: number, to: number): Transition | undefined {
    if (this.isUtc || to <= from) return undefined;
    const first = Math.floor(from / CHUNK_MS);
    for (let index = Math.floor(to / CHUNK_MS); index >= first; index--) {
      const list = this.#chunk(index).transitions;
      for (let i = list.length - 1; i >= 0; i--) {
        const t = list[i]!;
        if (t.at <= from) return undefined;
        if (t.at <= to) return t;
      }
    }
    return undefined;
  }

  #chunk(index: number): Chunk {
    const cached = this.#chunks.get(index);
    if (cached) return cached;
    const chunk = this.#computeChunk(index * CHUNK_MS);
    if (this.#chunks.size >= MAX_CHUNKS) this.#chunks.delete(this.#chunks.keys().next().value as number);
    this.#chunks.set(index, chunk);
    return chunk;
  }

  #computeChunk(start: number): Chunk {
    const beforeStart = this.#intlOffset(start - SECOND_MS);
    let previous = this.#intlOffset(start);
    const transitions: Transition[] = [];
    if (previous !== beforeStart) transitions.push({ at: start, beforeMs: beforeStart, afterMs: previous });
    for (let day = 1; day <= CHUNK_DAYS; day++) {
      const at = start + day * DAY_MS;
      const offset = this.#intlOffset(at);
      if (offset === previous) continue;
      const found = this.#bisect(at - DAY_MS, at, previous);
      // A transition exactly at the next chunk's start belongs to that chunk.
      if (found < start + CHUNK_MS) transitions.push({ at: found, beforeMs: previous, afterMs: offset });
      previous = offset;
    }
    return { startOffsetMs: beforeStart, transitions: transitions.length > 0 ? transitions : NONE };
  }

  /** The first instant in (low, high] whose offset differs from `lowOffset`, to the second. */
  #bisect(low: number, high: number, lowOffset: number): number {
    let lo = low;
    let hi = high;
    while (hi - lo > SECOND_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS;
      if (this.#intlOffset(mid) === lowOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  #intlOffset(instant: number): number {
    const match = WALL_PATTERN.exec(this.#format!.format(instant));
    if (!match) return 0;
    const [, month, day, year, hour, minute, second] = match;
    const date = new Date(0);
    // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
    date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
    date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
    return date.getTime() - Math.floor(instant / SECOND_MS) * SECOND_MS;
  }
}

/**
 * `name` with the letter case `Intl` gives it: `europe/paris` → `Europe/Paris`.
 * A correctly cased alias (`Asia/Calcutta`) stays as written; an all-lowercase
 * alias takes `Intl`'s name for it.
 *
 * @internal
 */
export function canonicalCase(name: string, resolved: string): string {
  if (resolved.toLowerCase() === name.toLowerCase()) return resolved;
  return name === name.toLowerCase() ? resolved : name;
}
