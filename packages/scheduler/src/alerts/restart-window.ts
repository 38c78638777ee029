import type { Store } from '../store/types.js';

/** Store key of the last clean stop of a monitoring scheduler. */
const CLEAN_STOP_KEY = 'alerts:clean-stop';

/**
 * Slots missed after a clean stop are an expected restart, not an outage,
 * when a scheduler is back within this long of that stop (15 min).
 */
export const RESTART_WINDOW_MS = 15 * 60_000;

/** A period in which missed slots are not alerted: from a clean stop to the restart that followed it. @internal */
export interface RestartWindow {
  fromMs: number;
  toMs: number;
}

/** Records that a monitoring scheduler stopped cleanly at `nowMs`. @internal */
export async function recordCleanStop(store: Store, nowMs: number): Promise<void> {
  await store.setState(CLEAN_STOP_KEY, { atMs: nowMs });
}

/**
 * Reads (and consumes) the last clean stop: the restart window it opens when
 * `nowMs` is within {@link RESTART_WINDOW_MS} of it, else `undefined` (no
 * clean stop: a crash, or a stop longer than a restart).
 * @internal
 */
export async function takeRestartWindow(store: Store, nowMs: number): Promise<RestartWindow | undefined> {
  const stop = await store.getState<{ atMs?: unknown }>(CLEAN_STOP_KEY);
  const atMs = stop?.atMs;
  if (typeof atMs !== 'number') return undefined;
  await store.setState(CLEAN_STOP_KEY, {});
  return nowMs - atMs <= RESTART_WINDOW_MS && nowMs >= atMs ? { fromMs: atMs, toMs: nowMs } : undefined;
}

/** Whether every slot in `[firstMs, lastMs]` falls in `window`. @internal */
export function withinRestart(window: RestartWindow | undefined, firstMs: number, lastMs: number): boolean {
  return window !== undefined && firstMs >= window.fromMs && lastMs <= window.toMs;
}
