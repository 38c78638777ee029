import type { Store } from '../store/types.js';

/** Store state key of the liveness record every started scheduler sharing the store keeps. */
export const LIVENESS_KEY = 'scheduler:liveness';
/** A running scheduler refreshes its `lastSeenMs` at most this often, in a pass its loop makes anyway. */
const BEAT_EVERY_MS = 60_000;
/** Down spans and instances older than this are forgotten (the slot audit reads no further back). */
const KEEP_MS = 400 * 24 * 60 * 60_000;

/** One instance as the liveness record knows it. @internal */
export interface InstanceLiveness {
  startedAtMs: number;
  /** Last evidence that it was running (store time). */
  lastSeenMs: number;
  /** Set by a clean `stop()`. */
  stoppedAtMs?: number;
}

/** A span in which no scheduler sharing the store was running. @internal */
export interface DownSpan {
  fromMs: number;
  toMs: number;
  /** Whether the span began with a clean stop (a planned restart), not a crash. */
  cleanStop: boolean;
}

/** The record kept under {@link LIVENESS_KEY}. @internal */
export interface LivenessRecord {
  v: 1;
  instances: Record<string, InstanceLiveness>;
  down: DownSpan[];
}

/** Reads the liveness record (an empty one when there is none). @internal */
export async function readLiveness(store: Store): Promise<LivenessRecord> {
  const stored = await store.getState<LivenessRecord>(LIVENESS_KEY);
  return stored?.v === 1 ? stored : { v: 1, instances: {}, down: [] };
}

/**
 * Keeps this instance's entry of the liveness record: at start it finds whether any instance
 * was alive (seen within `staleMs`, not stopped) and, when none was, records the down span since
 * the last one was seen; while running it refreshes `lastSeenMs`; at a clean stop it marks it.
 * Instances write the one record in turn (read, change, write): a lost write only delays a
 * refresh to the next beat.
 *
 * @internal
 */
export class Liveness {
  readonly #store: Store;
  readonly #instanceId: string;
  readonly #staleMs: number;
  #lastBeatMs = Number.NEGATIVE_INFINITY;
  #started = false;

  constructor(store: Store, instanceId: string, staleMs: number) {
    this.#store = store;
    this.#instanceId = instanceId;
    this.#staleMs = staleMs;
  }

  /** Records this instance as started at `nowMs`; returns the down span that just ended, if no instance was alive. */
  async start(nowMs: number): Promise<DownSpan | undefined> {
    const record = await readLiveness(this.#store);
    const others = Object.entries(record.instances).filter(([id]) => id !== this.#instanceId);
    const alive = others.some(([, seen]) => seen.stoppedAtMs === undefined && nowMs - seen.lastSeenMs <= this.#staleMs);
    const known = Object.values(record.instances);
    let span: DownSpan | undefined;
    if (!alive && known.length > 0) {
      const last = known.reduce((a, b) => (lastMs(a) >= lastMs(b) ? a : b));
      const fromMs = lastMs(last);
      if (nowMs > fromMs) span = { fromMs, toMs: nowMs, cleanStop: last.stoppedAtMs !== undefined };
    }
    if (span && !record.down.some((down) => down.fromMs === span.fromMs)) record.down.push(span);
    record.instances[this.#instanceId] = { startedAtMs: nowMs, lastSeenMs: nowMs };
    await this.#write(record, nowMs);
    this.#started = true;
    this.#lastBeatMs = nowMs;
    return span;
  }

  /** Refreshes `lastSeenMs` when the last refresh is a minute old. */
  async beat(nowMs: number): Promise<void> {
    if (!this.#started || nowMs - this.#lastBeatMs < BEAT_EVERY_MS) return;
    this.#lastBeatMs = nowMs;
    const record = await readLiveness(this.#store);
    const mine = record.instances[this.#instanceId];
    record.instances[this.#instanceId] = { startedAtMs: mine?.startedAtMs ?? nowMs, lastSeenMs: nowMs };
    await this.#write(record, nowMs);
  }

  /** Marks this instance stopped (a clean stop) at `nowMs`. */
  async stop(nowMs: number): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    const record = await readLiveness(this.#store);
    const mine = record.instances[this.#instanceId];
    record.instances[this.#instanceId] = {
      startedAtMs: mine?.startedAtMs ?? nowMs,
      lastSeenMs: nowMs,
      stoppedAtMs: nowMs,
    };
    await this.#write(record, nowMs);
  }

  async #write(record: LivenessRecord, nowMs: number): Promise<void> {
    const keepFromMs = nowMs - KEEP_MS;
    record.down = record.down.filter((span) => span.toMs >= keepFromMs).sort((a, b) => a.fromMs - b.fromMs);
    // An instance that stopped or went silent only tells the next start when one was last seen:
    // the latest of them is kept, the others dropped (each restart brings a new instance id).
    const dead = Object.entries(record.instances).filter(
      ([id, seen]) =>
        id !== this.#instanceId && (seen.stoppedAtMs !== undefined || nowMs - seen.lastSeenMs > this.#staleMs),
    );
    const latest = dead.reduce<[string, InstanceLiveness] | undefined>(
      (best, entry) => (best === undefined || lastMs(entry[1]) > lastMs(best[1]) ? entry : best),
      undefined,
    );
    for (const [id, seen] of dead) if (id !== latest?.[0] || lastMs(seen) < keepFromMs) delete record.instances[id];
    await this.#store.setState(LIVENESS_KEY, record);
  }
}

function lastMs(seen: InstanceLiveness): number {
  return seen.stoppedAtMs ?? seen.lastSeenMs;
}
