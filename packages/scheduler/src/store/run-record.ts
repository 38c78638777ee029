import type { RunRecord } from './types.js';

/** Orders runs newest first: `scheduledFor` desc, then `id` desc (the history order). */
export function compareRunsNewestFirst(a: RunRecord, b: RunRecord): number {
  const bySlot = b.scheduledFor.getTime() - a.scheduledFor.getTime();
  if (bySlot !== 0) return bySlot;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** A deep copy of a run, so callers never share a store's objects. */
export function cloneRun(run: RunRecord): RunRecord {
  return structuredClone(run);
}

/** The `reason` a store writes on a run whose lease expired. */
export const LEASE_EXPIRED_REASON = 'lease-expired';
