import type { AuditEntry, JobState } from '../store/types.js';
import type { AuditedJob } from './audit-log.js';

/** The schedule in force over a span, and whether the job was paused then. @internal */
export interface TimelineSegment {
  fromMs: number;
  toMs: number;
  expression: string;
  timezone: string;
  paused: boolean;
}

/** A job's schedule history in a range: when it existed, under which expression, and when it was paused. @internal */
export type Timeline = TimelineSegment[];

function isAuditedJob(value: unknown): value is AuditedJob {
  const job = value as Partial<AuditedJob> | null;
  return (
    typeof job === 'object' &&
    job !== null &&
    typeof job.schedule === 'string' &&
    typeof job.timezone === 'string' &&
    typeof job.paused === 'boolean'
  );
}

/** The job as an entry left it: its `after` snapshot, none when removed, `undefined` when it says nothing about it. */
function stateAfter(entry: AuditEntry): AuditedJob | null | undefined {
  if (entry.action === 'job.removed') return null;
  return isAuditedJob(entry.after) ? entry.after : undefined;
}

function segment(fromMs: number, toMs: number, job: AuditedJob): TimelineSegment {
  const expression = job.scheduleOverride ?? job.schedule;
  return { fromMs, toMs, expression, timezone: job.timezone, paused: job.paused };
}

/**
 * The schedule history of a job over `[fromMs, toMs)` from its audit log entries (oldest first):
 * each deploy, override and pause starts a segment. The state at `fromMs` is the last entry's before
 * it, or else the first entry's `before` (a job created inside the range has no segment before
 * it). With no entry at all, `current` (the job as the store and the code have it now) holds for
 * the whole range.
 *
 * @internal
 */
export function scheduleTimeline(
  entries: readonly AuditEntry[],
  fromMs: number,
  toMs: number,
  current: AuditedJob,
): Timeline {
  const changes = entries
    .map((entry) => ({ atMs: entry.at.getTime(), state: stateAfter(entry), before: entry.before }))
    .filter((change) => change.state !== undefined);
  let state: AuditedJob | null;
  const earlier = changes.filter((change) => change.atMs <= fromMs);
  const first = changes[0];
  if (earlier.length > 0) state = earlier[earlier.length - 1]!.state ?? null;
  else if (first) state = isAuditedJob(first.before) ? first.before : null;
  else state = current;
  const timeline: Timeline = [];
  let cursorMs = fromMs;
  for (const change of changes) {
    if (change.atMs <= fromMs) continue;
    if (change.atMs >= toMs) break;
    if (state) timeline.push(segment(cursorMs, change.atMs, state));
    state = change.state ?? null;
    cursorMs = change.atMs;
  }
  if (state && cursorMs < toMs) timeline.push(segment(cursorMs, toMs, state));
  return timeline;
}

/** The job as the store and the code have it now, for a job with no audit entry. @internal */
export function currentJob(schedule: string, timezone: string, row: JobState | undefined): AuditedJob {
  const job: AuditedJob = { schedule, timezone, dependsOn: [...(row?.dependsOn ?? [])], paused: row?.paused ?? false };
  if (row?.scheduleOverride !== undefined) job.scheduleOverride = row.scheduleOverride;
  return job;
}
