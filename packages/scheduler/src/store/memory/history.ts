import { decodeCursor, encodeCursor } from '../cursor.js';
import { asList, pageLimit } from '../page-limit.js';
import { cloneRun, compareRunsNewestFirst } from '../run-record.js';
import { lowerAscii } from '../runs-query.js';
import type { PruneOptions, RunPage, RunQuery, RunRecord, RunStatus } from '../types.js';
import { type MemoryTables, releaseClaim } from './tables.js';

/** One run by id. */
export function getRun(t: MemoryTables, id: string): RunRecord | undefined {
  const run = t.runs.get(id);
  return run && cloneRun(run);
}

/** One page of runs matching `query`, newest slot first, with the cursor of the next page. */
export function listRuns(t: MemoryTables, query: RunQuery): RunPage {
  const limit = pageLimit(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const statuses = asList(query.status);
  const triggers = asList(query.trigger);
  const errorText = query.errorText === undefined ? undefined : lowerAscii(query.errorText);
  const matches = [...t.runs.values()].filter(
    (run) =>
      (query.job === undefined || run.job === query.job) &&
      (statuses === undefined || statuses.includes(run.status)) &&
      (triggers === undefined || triggers.includes(run.trigger)) &&
      (query.from === undefined || run.scheduledFor.getTime() >= query.from.getTime()) &&
      (query.to === undefined || run.scheduledFor.getTime() < query.to.getTime()) &&
      (errorText === undefined || (run.error !== undefined && lowerAscii(run.error.message).includes(errorText))) &&
      (after === undefined || isOlder(run, after.scheduledForMs, after.id)),
  );
  matches.sort(compareRunsNewestFirst);
  const runs = matches.slice(0, limit).map(cloneRun);
  const last = runs[runs.length - 1];
  if (matches.length <= limit || !last) return { runs };
  return { runs, nextCursor: encodeCursor({ scheduledForMs: last.scheduledFor.getTime(), id: last.id }) };
}

/** The newest run of each job, optionally among `statuses` and `jobs` only. */
export function latestRuns(
  t: MemoryTables,
  options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] },
): Map<string, RunRecord> {
  const latest = new Map<string, RunRecord>();
  for (const run of t.runs.values()) {
    if (options.statuses && !options.statuses.includes(run.status)) continue;
    if (options.jobs && !options.jobs.includes(run.job)) continue;
    const current = latest.get(run.job);
    if (!current || compareRunsNewestFirst(run, current) < 0) latest.set(run.job, run);
  }
  return new Map([...latest].map(([job, run]) => [job, cloneRun(run)]));
}

/** The latest slot of `job` claimed by its schedule or by catch-up. */
export function lastSlot(t: MemoryTables, job: string): Date | undefined {
  let last: number | undefined;
  for (const run of t.runs.values()) {
    if (run.job !== job || (run.trigger !== 'schedule' && run.trigger !== 'catch-up')) continue;
    const slot = run.scheduledFor.getTime();
    if (last === undefined || slot > last) last = slot;
  }
  return last === undefined ? undefined : new Date(last);
}

/** Deletes finished runs older than `olderThan` or beyond `keepPerJob` newest per job; returns how many. */
export function pruneRuns(t: MemoryTables, options: PruneOptions): number {
  const doomed = new Set<RunRecord>();
  const finished = [...t.runs.values()].filter((run) => run.status !== 'running').sort(compareRunsNewestFirst);
  if (options.olderThan) {
    const limit = options.olderThan.getTime();
    for (const run of finished) if (run.scheduledFor.getTime() < limit) doomed.add(run);
  }
  if (options.keepPerJob !== undefined) {
    const kept = new Map<string, number>();
    for (const run of finished) {
      const count = kept.get(run.job) ?? 0;
      if (count >= options.keepPerJob) doomed.add(run);
      else kept.set(run.job, count + 1);
    }
  }
  for (const run of doomed) {
    t.runs.delete(run.id);
    releaseClaim(t, run);
  }
  return doomed.size;
}

function isOlder(run: RunRecord, scheduledForMs: number, id: string): boolean {
  const slot = run.scheduledFor.getTime();
  return slot < scheduledForMs || (slot === scheduledForMs && run.id < id);
}
