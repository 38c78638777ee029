import type { SlotSource } from '../policy/catch-up.js';

/** A slot this late (or less) when its wake comes is run normally; older due slots go through the catch-up policy. */
const ON_TIME_TOLERANCE_MS = 60_000;

/** How the slots in `(cursorMs, nowMs]` of one job are handled. @internal */
interface DueSlots {
  /** The newest due slot, when at most {@link ON_TIME_TOLERANCE_MS} late: run normally (trigger `schedule`). */
  onTime: Date | undefined;
  /** Older due slots (an outage, a suspended process, a forward clock jump), for the catch-up policy. */
  gap: { afterMs: number; upToMs: number } | undefined;
}

/**
 * Splits the slots due since the job's cursor: the newest runs normally when
 * on time; the others form a gap for the catch-up policy. With the clock
 * moved backwards (`nowMs <= cursorMs`) nothing is due, so no slot fires twice.
 *
 * @internal
 */
export function dueSlots(schedule: SlotSource, cursorMs: number, nowMs: number): DueSlots {
  if (nowMs <= cursorMs) return { onTime: undefined, gap: undefined };
  const newest = schedule.previous(new Date(nowMs + 1));
  const onTime =
    newest && newest.getTime() > cursorMs && nowMs - newest.getTime() <= ON_TIME_TOLERANCE_MS ? newest : undefined;
  const upToMs = onTime ? onTime.getTime() - 1 : nowMs;
  const first = schedule.next(new Date(cursorMs));
  const gap = first !== undefined && first.getTime() <= upToMs ? { afterMs: cursorMs, upToMs } : undefined;
  return { onTime, gap };
}
