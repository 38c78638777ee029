import type { RunRecord } from '../store/types.js';
import type { AuditedSlot, SlotClass, SlotReason } from './slot-audit-types.js';

/** What classifying the slots of one job needs besides its runs. @internal */
export interface ClassifyContext {
  job: string;
  /** `toleranceMs` plus the job's jitter. */
  onTimeMs: number;
  /** Whether the job was paused (per its audit log) at a slot. */
  pausedAt(slotMs: number): boolean;
  /** Whether no scheduler instance was running at a slot. */
  downAt(slotMs: number): boolean;
}

/** The reason a `skipped` run was recorded with, as a {@link SlotReason}. */
function skipReason(reason: string | undefined): SlotReason {
  if (reason === 'paused' || reason === 'circuit-open') return reason;
  if (reason?.startsWith('dependency')) return 'dependency';
  return 'overlap';
}

/** The reason a `missed` run was recorded with (`run-catch-up.ts`), as a {@link SlotReason}. */
function missedReason(reason: string | undefined): SlotReason {
  if (reason === 'outside-catch-up-window') return 'window';
  // `all` leaves a slot of its window unrun only past its `max`
  if (reason === 'catch-up-all') return 'cap';
  return 'catch-up-policy';
}

function fromRun(slot: AuditedSlot, run: RunRecord, ctx: ClassifyContext): AuditedSlot {
  slot.runId = run.id;
  slot.status = run.status;
  if (run.reason !== undefined) slot.detail = run.reason;
  if (run.status === 'skipped') return withClass(slot, 'skipped', skipReason(run.reason));
  if (run.status === 'missed') return withClass(slot, 'missed', missedReason(run.reason));
  slot.latenessMs = (run.startedAt ?? run.createdAt).getTime() - slot.slot.getTime();
  if (run.trigger === 'catch-up') return withClass(slot, 'caught-up');
  if (run.trigger === 'backfill') return withClass(slot, 'backfilled');
  return withClass(slot, slot.latenessMs <= ctx.onTimeMs ? 'on-time' : 'late');
}

function withClass(slot: AuditedSlot, kind: SlotClass, reason?: SlotReason): AuditedSlot {
  slot.class = kind;
  if (reason !== undefined) slot.reason = reason;
  return slot;
}

/** How much a run speaks for its slot: a live scheduled (or catch-up) run, an abandoned one, a backfill; 0: not at all. */
function weight(run: RunRecord): number {
  if (run.trigger === 'schedule' || run.trigger === 'catch-up') return run.status === 'abandoned' ? 2 : 3;
  return run.trigger === 'backfill' ? 1 : 0;
}

/**
 * The run that speaks for a slot: its schedule or catch-up run (a live one over an abandoned
 * one); a backfill when there is none, or when that run only recorded the slot `missed`.
 */
function deciding(runs: readonly RunRecord[] | undefined): RunRecord | undefined {
  if (!runs) return undefined;
  let best: RunRecord | undefined;
  let backfill: RunRecord | undefined;
  for (const run of runs) {
    if (run.trigger === 'backfill') backfill ??= run;
    else if (weight(run) > (best ? weight(best) : 0)) best = run;
  }
  return best && !(best.status === 'missed' && backfill) ? best : backfill;
}

/**
 * Classifies each expected slot (oldest first) of one job from the runs recorded for it (by slot,
 * ms): its schedule or catch-up run decides (a `missed` one yields to a backfill that replayed
 * the slot: `backfilled`); a slot without one was `backfilled` if replayed,
 * else `skipped` (`paused`) when the audit log says the job was paused, else `missed` (`cap`) when
 * a catch-up recorded the slots after it (a gap longer than a catch-up records), else `unknown`.
 *
 * @internal
 */
export function classifySlots(
  slots: readonly number[],
  runsBySlot: ReadonlyMap<number, RunRecord[]>,
  ctx: ClassifyContext,
): AuditedSlot[] {
  const out: AuditedSlot[] = new Array(slots.length);
  // walking newest first: whether the next recorded slot (later in time) was recorded by a catch-up
  let nextIsCatchUp = false;
  for (let i = slots.length - 1; i >= 0; i--) {
    const slotMs = slots[i]!;
    const slot: AuditedSlot = { job: ctx.job, slot: new Date(slotMs), class: 'unknown' };
    const runs = runsBySlot.get(slotMs);
    const run = deciding(runs);
    const scheduled = runs?.find((r) => r.trigger === 'schedule' || r.trigger === 'catch-up');
    if (scheduled) nextIsCatchUp = scheduled.trigger === 'catch-up';
    if (run) out[i] = fromRun(slot, run, ctx);
    else if (ctx.pausedAt(slotMs)) out[i] = withClass(slot, 'skipped', 'paused');
    else if (nextIsCatchUp) out[i] = withClass(slot, 'missed', 'cap');
    else out[i] = withClass(slot, 'unknown', ctx.downAt(slotMs) ? 'no-instance' : 'no-record');
  }
  return out;
}

/** A count of every class, zero included. @internal */
export function countClasses(slots: readonly AuditedSlot[]): Record<SlotClass, number> {
  const counts: Record<SlotClass, number> = {
    'on-time': 0,
    late: 0,
    'caught-up': 0,
    backfilled: 0,
    skipped: 0,
    missed: 0,
    unknown: 0,
  };
  for (const slot of slots) counts[slot.class]++;
  return counts;
}
