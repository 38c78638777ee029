/** The part of a schedule the staleness rule needs. */
export interface ScheduleSlots {
  /** The first slot strictly after `after`, or `undefined` when the schedule has no more. */
  next(after: Date): Date | undefined;
}

/**
 * When a job that last succeeded for slot `referenceMs` (or was registered
 * then) becomes stale: the `periods`-th slot after it. `undefined` when the
 * schedule ends before.
 * @internal
 */
export function staleDeadlineMs(schedule: ScheduleSlots, referenceMs: number, periods: number): number | undefined {
  let slot = new Date(referenceMs);
  for (let i = 0; i < periods; i++) {
    const next = schedule.next(slot);
    if (!next) return undefined;
    slot = next;
  }
  return slot.getTime();
}

/**
 * Whether the job is stale at `nowMs`. A deadline slot must have been decided
 * without success: either a later-or-equal slot has a final non-success
 * record, or a whole extra period has passed with nothing recorded (the
 * slot never ran at all).
 * @internal
 */
export function isStale(
  schedule: ScheduleSlots,
  deadlineMs: number,
  nowMs: number,
  latestFinishedSlotMs: number | undefined,
): boolean {
  if (nowMs < deadlineMs) return false;
  if (latestFinishedSlotMs !== undefined && latestFinishedSlotMs >= deadlineMs) return true;
  const after = schedule.next(new Date(deadlineMs))?.getTime();
  return after !== undefined && nowMs >= after;
}
