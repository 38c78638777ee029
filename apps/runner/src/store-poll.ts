/**
 * How soon running daemons see an operator's change made through the store
 * (pause, resume, schedule override): on PostgreSQL the store notifies them
 * (LISTEN/NOTIFY) at once; on SQLite, and as PostgreSQL's fallback, they
 * re-read job state on a poll.
 */
import type { StoreConfig } from './config.js';

/** A daemon's store poll, ms: the runner passes it as the scheduler's `pollIntervalMs`. */
export const STORE_POLL_MS = 30_000;

/** Within how long running daemons apply a change, ms: about a second on PostgreSQL, a poll on SQLite. */
export function takesEffectWithinMs(store: StoreConfig): number {
  return store.kind === 'postgres' ? 1_000 : STORE_POLL_MS;
}

/** "running daemons pick it up within 30 s (their store poll)", or within about a second on PostgreSQL. */
export function takesEffectNote(store: StoreConfig): string {
  if (store.kind === 'postgres') {
    return `running daemons pick it up within about a second (PostgreSQL notifies them; at most ${STORE_POLL_MS / 1000} s through their store poll)`;
  }
  return `running daemons pick it up within ${STORE_POLL_MS / 1000} s (their store poll)`;
}
