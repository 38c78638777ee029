import { sleep } from '../core/capped-timer.js';
import type { JobEntry, Runtime, SlotRequest } from './runtime.js';
import { slotRequest } from './slot-request.js';

/**
 * The pre-claim optimisation, in one place. The timer wakes {@link PRECLAIM_LEAD_MS} before an
 * on-time slot whose decisions cannot change in the meantime ({@link canPreclaim}) to claim it
 * (the store round trips), and the run starts at the slot itself ({@link untilSlot}), so a job
 * starts about as late as a bare setTimeout aimed at its slot. Alert scans, store maintenance
 * and the circuit gate keep their instants: a pre-claim wake does nothing else, and the
 * scheduler still wakes at the slot. The run's `scheduledFor` is the slot: consumers that
 * measure "since it started" count from it (a pre-claimed run is not running before its slot).
 *
 * @internal
 */
export const PRECLAIM_LEAD_MS = 10;

/**
 * Whether the job's next slot may be claimed {@link PRECLAIM_LEAD_MS} ahead: only when nothing
 * decided at the slot could differ a few ms earlier (not paused, no circuit breaker, no
 * dependencies to check, no jitter). Overlap with a run in progress is decided at the slot.
 *
 * @internal
 */
export function canPreclaim(entry: JobEntry): boolean {
  const def = entry.def;
  return !entry.state?.paused && def.circuitBreaker === undefined && def.dependsOn.length === 0 && def.jitterMs <= 0;
}

/** The request of a slot claimed ahead: it starts at `slotMs`, never before. @internal */
export function preclaimRequest(slotMs: number): SlotRequest {
  return { ...slotRequest(new Date(slotMs), 'schedule'), startAtMs: slotMs };
}

/**
 * Waits until `startAtMs` (a pre-claimed slot), re-checking the clock: a timer may fire a ms
 * before the wall clock reaches it.
 *
 * @internal
 */
export async function untilSlot(rt: Runtime, startAtMs: number, signal: AbortSignal | undefined): Promise<void> {
  for (let waitMs = startAtMs - rt.nowMs(); waitMs > 0; waitMs = startAtMs - rt.nowMs()) {
    await sleep(rt.clock, waitMs, { signal });
  }
}
