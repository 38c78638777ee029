import { randomUUID } from 'node:crypto';
import type { RunTrigger } from '../store/types.js';
import type { SlotRequest } from './runtime.js';

/** A scheduled or catch-up slot: claimed by its ISO time, so every instance claims the same key; dependencies checked. @internal */
export function slotRequest(slot: Date, trigger: RunTrigger): SlotRequest {
  return { scheduledFor: slot, trigger, claimKey: slot.toISOString(), checkDependencies: true };
}

/** A manual or dependency run: a unique claim key; no freshness check (an operator asked for it). @internal */
export function manualRequest(now: Date, trigger: RunTrigger): SlotRequest {
  return { scheduledFor: now, trigger, claimKey: `${trigger}:${randomUUID()}`, checkDependencies: false };
}

/** A backfill slot: a unique claim key, so a replay never collides with the slot's original run. @internal */
export function backfillRequest(slot: Date, signal: AbortSignal | undefined): SlotRequest {
  const request: SlotRequest = {
    scheduledFor: slot,
    trigger: 'backfill',
    claimKey: `backfill:${slot.toISOString()}:${randomUUID()}`,
    checkDependencies: false,
  };
  if (signal) request.signal = signal;
  return request;
}
