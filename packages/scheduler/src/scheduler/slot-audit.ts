import { InvalidOptionError } from '../core/errors.js';
import type { JobEntry } from '../run/runtime.js';
import { parseSchedule } from '../schedule/index.js';
import type { AuditEntry, RunRecord, Store } from '../store/types.js';
import type { EngineContext } from './engine-context.js';
import { readLiveness } from './liveness.js';
import { entryOf } from './manual-runs.js';
import type { JobSlotAudit, SlotAudit, SlotAuditOptions } from './slot-audit-types.js';
import { classifySlots, countClasses } from './slot-classify.js';
import { currentJob, scheduleTimeline, type Timeline } from './slot-timeline.js';

/** Default of `toleranceMs`: a scheduled run starts within milliseconds of its slot. */
const DEFAULT_TOLERANCE_MS = 1_000;
/** Most slots one job may have in an audited range. */
const SLOT_LIMIT = 1_000_000;
/** Page size of the history reads. */
const PAGE = 1_000;

/** Every audit log entry of `job` recorded before `toMs`, oldest first. */
async function jobEntries(store: Store, job: string, toMs: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAudit({ job, until: new Date(toMs), limit: PAGE, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return entries.reverse();
}

/** The runs of `job` scheduled in `[fromMs, toMs)`, by slot (ms). */
async function runsBySlot(store: Store, job: string, fromMs: number, toMs: number): Promise<Map<number, RunRecord[]>> {
  const bySlot = new Map<number, RunRecord[]>();
  const range = { job, from: new Date(fromMs), to: new Date(toMs), limit: PAGE };
  let cursor: string | undefined;
  do {
    const page = await store.listRuns({ ...range, ...(cursor ? { cursor } : {}) });
    for (const run of page.runs) {
      const slotMs = run.scheduledFor.getTime();
      const list = bySlot.get(slotMs);
      if (list) list.push(run);
      else bySlot.set(slotMs, [run]);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return bySlot;
}

/** The expected slots of a job's timeline, oldest first (each segment's schedule in its own zone, with the job's DST policy). */
function expectedSlots(entry: JobEntry, timeline: Timeline): number[] {
  const slots: number[] = [];
  for (const part of timeline) {
    const schedule = parseSchedule(part.expression, {
      timezone: part.timezone,
      dst: entry.def.dst,
      job: entry.def.name,
    });
    for (const slot of schedule.slotsBetween(part.fromMs - 1, part.toMs - 1, SLOT_LIMIT)) slots.push(slot.getTime());
  }
  return slots;
}

function checkRange(options: SlotAuditOptions): void {
  const { from, to, toleranceMs } = options;
  const bad = (option: string, expected: string, got: unknown): InvalidOptionError =>
    new InvalidOptionError(`Expected \`${option}\` of auditSlots() to be ${expected}, got ${String(got)}.`, {
      component: 'auditSlots',
      option,
    });
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw bad('from', 'a valid Date', from);
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw bad('to', 'a valid Date', to);
  if (to < from) throw bad('to', `at or after \`from\` (${from.toISOString()})`, to.toISOString());
  if (toleranceMs !== undefined && !(toleranceMs >= 0 && Number.isFinite(toleranceMs))) {
    throw bad('toleranceMs', 'a non-negative finite number', toleranceMs);
  }
}

/**
 * `auditSlots()`: for each job, the slots its schedule history expected in the range, each
 * classified from the runs recorded for it, the audit log (pauses) and the liveness record.
 *
 * @internal
 */
export async function auditSlots(ctx: EngineContext, options: SlotAuditOptions): Promise<SlotAudit> {
  checkRange(options);
  const entries = options.job === undefined ? [...ctx.jobs.values()] : [entryOf(ctx, options.job, 'auditSlots')];
  const store = ctx.o.store;
  const toleranceMs = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const fromMs = options.from.getTime();
  const toMs = Math.max(fromMs, Math.min(options.to.getTime(), ctx.nowMs()));
  const down = (await readLiveness(store)).down;
  const downAt = (slotMs: number): boolean => down.some((span) => slotMs > span.fromMs && slotMs <= span.toMs);
  const jobs: JobSlotAudit[] = [];
  for (const entry of entries) {
    const name = entry.def.name;
    const current = currentJob(entry.def.schedule, entry.timezone, await store.getJob(name));
    const timeline = scheduleTimeline(await jobEntries(store, name, toMs), fromMs, toMs, current);
    const pausedAt = (slotMs: number): boolean =>
      timeline.some((part) => part.paused && slotMs >= part.fromMs && slotMs < part.toMs);
    const slots = classifySlots(expectedSlots(entry, timeline), await runsBySlot(store, name, fromMs, toMs), {
      job: name,
      onTimeMs: toleranceMs + entry.def.jitterMs,
      pausedAt,
      downAt,
    });
    jobs.push({ job: name, slots, counts: countClasses(slots) });
  }
  return { from: new Date(fromMs), to: new Date(toMs), toleranceMs, jobs };
}
