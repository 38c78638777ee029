import { SchedulerError, UnknownJobError } from '../core/errors.js';
import { upstreamChain } from '../primitives/dependencies.js';
import { recordNotRun } from '../run/claim-slot.js';
import { recordOf, runSlot } from '../run/run-slot.js';
import type { JobEntry } from '../run/runtime.js';
import { backfillRequest, manualRequest } from '../run/slot-request.js';
import type { RunRecord, RunTrigger } from '../store/types.js';
import { DEFAULT_ACTOR, recordAudit } from './audit-log.js';
import type { EngineContext } from './engine-context.js';
import { assertRunsHere } from './external-sources.js';
import type { BackfillOptions, TriggerOptions } from './types.js';

/** Most slots one `backfill()` call replays. */
const BACKFILL_LIMIT = 10_000;

/** The registered job `name`; an {@link UnknownJobError} naming `where` otherwise. @internal */
export function entryOf(ctx: EngineContext, name: string, where: string): JobEntry {
  const entry = ctx.jobs.get(name);
  if (!entry) throw new UnknownJobError(name, [...ctx.jobs.keys()], `${where}()`);
  return entry;
}

/** The registered job `name` that this scheduler runs itself: {@link entryOf}, refusing a job another system runs. @internal */
export function runnableEntryOf(ctx: EngineContext, name: string, where: string): JobEntry {
  const entry = entryOf(ctx, name, where);
  assertRunsHere(entry, where);
  return entry;
}

/**
 * `trigger()` once the store is ready: recorded in the audit log, a manual run now, after the
 * upstream chain when `withDependencies` (a failed upstream records this run `skipped`).
 *
 * @internal
 */
export async function triggerRun(
  ctx: EngineContext,
  entry: JobEntry,
  options: TriggerOptions,
  parents?: readonly unknown[],
): Promise<RunRecord> {
  ctx.lifecycle.assertNotHalted('trigger');
  const nowDate = new Date(ctx.nowMs());
  const withDependencies = options.withDependencies === true;
  const actor = options.actor ?? DEFAULT_ACTOR;
  await recordAudit(ctx, { actor, action: 'job.triggered', job: entry.def.name, after: { withDependencies } });
  if (options.withDependencies) {
    for (const upstream of upstreamChain(ctx.o.jobs, entry.def.name)) {
      const record = await runManual(ctx, entryOf(ctx, upstream, 'trigger'), 'dependency', options.signal, parents);
      if (record.status !== 'succeeded') {
        const reason = `dependency "${upstream}" ${record.status} (run ${record.id})`;
        return recordOf(
          ctx.rt.store,
          await recordNotRun(ctx.rt, entry, manualRequest(nowDate, 'manual'), 'skipped', reason),
        );
      }
    }
  }
  return runManual(ctx, entry, 'manual', options.signal, parents);
}

/** `backfill()` once the store is ready: recorded in the audit log, the slots of `[from, to]` one after the other. @internal */
export async function backfillRuns(
  ctx: EngineContext,
  entry: JobEntry,
  options: BackfillOptions,
  parents?: readonly unknown[],
): Promise<RunRecord[]> {
  const name = entry.def.name;
  const slots = entry.schedule.slotsBetween(new Date(options.from.getTime() - 1), options.to, BACKFILL_LIMIT + 1);
  if (slots.length > BACKFILL_LIMIT) {
    throw new SchedulerError(
      'SCHEDULER_STATE',
      `backfill("${name}"): the range holds more than ${BACKFILL_LIMIT} slots; split it into smaller ranges.`,
    );
  }
  const after = { from: options.from.toISOString(), to: options.to.toISOString(), slots: slots.length };
  await recordAudit(ctx, { actor: options.actor ?? DEFAULT_ACTOR, action: 'job.backfilled', job: name, after });
  const records: RunRecord[] = [];
  for (const slot of slots) {
    options.signal?.throwIfAborted();
    ctx.lifecycle.assertNotHalted('backfill');
    const request = backfillRequest(slot, options.signal);
    request.parents = parents;
    records.push(await recordOf(ctx.rt.store, await runSlot(ctx.rt, entry, request)));
  }
  options.signal?.throwIfAborted();
  return records;
}

async function runManual(
  ctx: EngineContext,
  entry: JobEntry,
  trigger: RunTrigger,
  signal: AbortSignal | undefined,
  parents: readonly unknown[] | undefined,
): Promise<RunRecord> {
  const request = manualRequest(new Date(ctx.nowMs()), trigger);
  if (signal) request.signal = signal;
  request.parents = parents;
  return recordOf(ctx.rt.store, await runSlot(ctx.rt, entry, request));
}
