/**
 * Finding slots on the real time line: wall-clock matches (calendar.ts) mapped
 * to instants through the zone's offsets (zone.ts), with the DST policy
 * deciding what a wall time in a spring-forward gap or in a repeated autumn
 * hour becomes.
 *
 * The walk moves across "segments" of constant offset: inside a segment the
 * mapping wall -> instant is a plain subtraction; at a transition the walk
 * restarts from the transition instant. Every step moves strictly forward (or
 * backward), so no DST change can make it spin.
 *
 * @internal
 */
import { DAY_MS, nextWall, previousWall, SECOND_MS } from './calendar.js';
import type { CompiledFields } from './fields.js';
import type { Transition, Zone } from './zone.js';

/** What happens to wall times that a DST change removes or repeats. */
export interface DstPolicy {
  /** A wall time in a spring-forward gap: one run at the jump instant, or none. */
  readonly gap: 'run-at-jump' | 'skip';
  /** A wall time in the repeated hour: at its first occurrence only, or at both. */
  readonly repeat: 'first' | 'both';
}

/**
 * Interval-like schedules ignore the options: they run at every real instant
 * whose wall time matches, so gap wall times are absent and repeated ones
 * run twice.
 */
export const INTERVAL_POLICY: DstPolicy = { gap: 'skip', repeat: 'both' };

/** Steps before giving up; each step crosses a transition or skips a repeated hour. */
const MAX_STEPS = 10_000;
/** How far back a transition can still make a wall time "repeated" (larger than any real shift). */
const REPEAT_LOOKBACK_MS = 2 * DAY_MS;

function isGap(t: Transition): boolean {
  return t.afterMs > t.beforeMs;
}

/** Whether some matching wall time lies in the gap a spring-forward transition removed. */
function gapHasMatch(f: CompiledFields, t: Transition): boolean {
  const wall = nextWall(f, t.at + t.beforeMs);
  return wall !== undefined && wall < t.at + t.afterMs;
}

/** Whether `wall`, found after transition `t`, is a second occurrence of a repeated wall time. */
function isRepeat(t: Transition | undefined, wall: number): t is Transition {
  return t !== undefined && t.beforeMs > t.afterMs && wall < t.at + t.beforeMs;
}

/** The first slot at or after instant `from` (whole seconds), or `undefined`. */
export function slotAtOrAfter(f: CompiledFields, zone: Zone, policy: DstPolicy, from: number): number | undefined {
  let t = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    const offset = zone.offsetAt(t);
    const last = zone.lastTransitionIn(t - REPEAT_LOOKBACK_MS, t);
    if (last?.at === t && isGap(last) && policy.gap === 'run-at-jump' && gapHasMatch(f, last)) return t;
    const wall = nextWall(f, t + offset);
    if (wall === undefined) return undefined;
    const instant = wall - offset;
    const crossed = zone.firstTransitionIn(t, instant);
    if (crossed) {
      t = crossed.at;
      continue;
    }
    if (policy.repeat === 'first' && isRepeat(last, wall)) {
      // Jump to the instant from which wall times are new again.
      t = last.at + last.beforeMs - last.afterMs;
      continue;
    }
    return instant;
  }
  return undefined;
}

/** The last slot at or before instant `from` (whole seconds), or `undefined`. */
export function slotAtOrBefore(f: CompiledFields, zone: Zone, policy: DstPolicy, from: number): number | undefined {
  let t = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    const offset = zone.offsetAt(t);
    const wall = previousWall(f, t + offset);
    if (wall === undefined) return undefined;
    const instant = wall - offset;
    const crossed = zone.lastTransitionIn(instant, t);
    if (crossed) {
      if (isGap(crossed) && policy.gap === 'run-at-jump' && gapHasMatch(f, crossed)) return crossed.at;
      t = crossed.at - SECOND_MS;
      continue;
    }
    const last = zone.lastTransitionIn(instant - REPEAT_LOOKBACK_MS, instant);
    if (policy.repeat === 'first' && isRepeat(last, wall)) {
      t = last.at - SECOND_MS;
      continue;
    }
    return instant;
  }
  return undefined;
}
