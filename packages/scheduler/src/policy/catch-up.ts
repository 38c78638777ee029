import type { JobDefinition } from '../job/types.js';

/** The part of a schedule catch-up planning needs. @internal */
export interface SlotSource {
  /** The first slot strictly after `after`. */
  next(after: Date): Date | undefined;
  /** The last slot strictly before `before`. */
  previous(before: Date): Date | undefined;
  /** Slots in `(from, to]`, oldest first, at most `limit`. */
  slotsBetween(from: Date, to: Date, limit?: number): Date[];
}

/**
 * At most this many missed slots are recorded individually per gap (the
 * newest ones), whatever the policy, besides the slots that run; older ones
 * in the same gap are only mentioned in a log line.
 * This bounds the work and the history an outage of an every-second job
 * can cause.
 */
const MISSED_RECORD_LIMIT = 100;

/** What to do with the slots of a gap. */
interface CatchUpPlan {
  /** Slots to run (trigger `catch-up`), oldest first. */
  run: Date[];
  /** Slots to record `missed`, oldest first: at most {@link MISSED_RECORD_LIMIT}, the newest. */
  missed: Date[];
  /** Whether the gap held more slots than were run or recorded (older ones are neither). */
  truncated: boolean;
}

/**
 * Plans the slots of a gap `(afterMs, upToMs]` found on start or on a late
 * wake, per the job's catch-up policy: `skip` records them `missed`; `latest`
 * / `earliest` run one (the newest / the oldest within the window) and record
 * the rest `missed`; `all` runs the newest `max` within the window, oldest
 * first, and records the rest `missed`. Slots older than `nowMs - windowMs`
 * are never run.
 *
 * @internal
 */
export function planCatchUp(
  schedule: SlotSource,
  policy: JobDefinition['catchUp'],
  gap: { afterMs: number; upToMs: number; nowMs: number },
): CatchUpPlan {
  const limit = MISSED_RECORD_LIMIT + Math.max(1, policy.max);
  const newestFirst: Date[] = [];
  let cursor = schedule.previous(new Date(gap.upToMs + 1));
  while (cursor && cursor.getTime() > gap.afterMs && newestFirst.length <= limit) {
    newestFirst.push(cursor);
    cursor = schedule.previous(cursor);
  }
  const truncated = newestFirst.length > limit;
  if (truncated) newestFirst.length = limit;
  const slots = newestFirst.reverse();
  const windowStartMs = gap.nowMs - policy.windowMs;
  const inWindow = slots.filter((slot) => slot.getTime() >= windowStartMs);
  const run = chooseRuns(schedule, policy, inWindow, Math.max(gap.afterMs, windowStartMs - 1), gap.upToMs);
  const chosen = new Set(run.map((slot) => slot.getTime()));
  const missed = slots.filter((slot) => !chosen.has(slot.getTime()));
  const dropped = Math.max(0, missed.length - MISSED_RECORD_LIMIT);
  return { run, missed: missed.slice(dropped), truncated: truncated || dropped > 0 };
}

function chooseRuns(
  schedule: SlotSource,
  policy: JobDefinition['catchUp'],
  inWindow: Date[],
  windowAfterMs: number,
  upToMs: number,
): Date[] {
  if (inWindow.length === 0) return [];
  switch (policy.policy) {
    case 'skip':
      return [];
    case 'latest':
      return [inWindow[inWindow.length - 1]!];
    case 'earliest':
      // The oldest slot in the window may lie beyond what was looked at.
      return schedule.slotsBetween(new Date(windowAfterMs), new Date(upToMs), 1).slice(0, 1);
    case 'all':
      return inWindow.slice(-Math.max(1, policy.max));
  }
}
