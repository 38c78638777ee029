import type { JobEntry } from '../run/runtime.js';
import type { AuditAction, JobState, JobStatePatch } from '../store/types.js';
import { auditedJob, DEFAULT_ACTOR, recordAudit } from './audit-log.js';
import type { EngineContext } from './engine-context.js';
import { compileSchedule } from './job-schedule.js';
import type { JobStateSync } from './job-state-sync.js';
import { entryOf } from './manual-runs.js';
import type { OperatorActionOptions, PauseOptions } from './types.js';

/** One change of a job's operator state: what to write and how the audit log names it. @internal */
interface OperatorChange {
  action: AuditAction;
  patch: JobStatePatch;
  options: OperatorActionOptions;
}

/**
 * Writes an operator change of `entry`'s row (pause, resume, schedule override), applies the
 * new row on this instance at once, and records it in the audit log with the row before and
 * after. The store is ready (initialised, definitions reconciled).
 *
 * @internal
 */
export async function changeJobState(
  ctx: EngineContext,
  sync: JobStateSync,
  entry: JobEntry,
  change: OperatorChange,
): Promise<JobState | undefined> {
  const name = entry.def.name;
  const store = ctx.o.store;
  const before = await store.getJob(name);
  const after = await store.updateJob(name, change.patch);
  sync.apply(name, after);
  // A job another system runs gets the change there too (pg_cron: active, schedule).
  await ctx.external.sync(entry);
  const { actor = DEFAULT_ACTOR, note } = change.options;
  await recordAudit(ctx, {
    actor,
    action: change.action,
    job: name,
    ...(before ? { before: auditedJob(before) } : {}),
    ...(after ? { after: auditedJob(after) } : {}),
    ...(note === undefined ? {} : { note }),
  });
  return after;
}

/** The change `overrideSchedule(name, cron)` makes; an expression that does not parse throws `InvalidScheduleError`. @internal */
export function scheduleChange(entry: JobEntry, cron: string | null, options: OperatorActionOptions): OperatorChange {
  if (cron !== null) compileSchedule(cron, entry.timezone, entry.def);
  return {
    action: cron === null ? 'job.schedule-cleared' : 'job.schedule-overridden',
    patch: { scheduleOverride: cron },
    options,
  };
}

/**
 * The scheduler's operator changes of a job's row: `pause`, `resume`, `overrideSchedule`. Each is
 * checked before the store is touched, then written, applied and recorded in the audit log.
 *
 * @internal
 */
export class OperatorActions {
  readonly #ctx: EngineContext;
  readonly #sync: JobStateSync;
  readonly #ready: () => Promise<unknown>;

  constructor(ctx: EngineContext, sync: JobStateSync, ready: () => Promise<unknown>) {
    this.#ctx = ctx;
    this.#sync = sync;
    this.#ready = ready;
  }

  async pause(name: string, options: PauseOptions): Promise<void> {
    const patch = { paused: true, pauseNote: options.note ?? null };
    await this.#change(name, 'pause', () => ({ action: 'job.paused', patch, options }));
  }

  async resume(name: string, options: OperatorActionOptions): Promise<void> {
    const patch = { paused: false, pauseNote: null };
    await this.#change(name, 'resume', () => ({ action: 'job.resumed', patch, options }));
  }

  async overrideSchedule(name: string, cron: string | null, options: OperatorActionOptions): Promise<void> {
    await this.#change(name, 'overrideSchedule', (entry) => scheduleChange(entry, cron, options));
  }

  async #change(name: string, where: string, change: (entry: JobEntry) => OperatorChange): Promise<void> {
    const entry = entryOf(this.#ctx, name, where);
    const checked = change(entry);
    await this.#ready();
    await changeJobState(this.#ctx, this.#sync, entry, checked);
  }
}
