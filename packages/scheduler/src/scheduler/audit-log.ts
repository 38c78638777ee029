import type { AuditEntryInput, JobPlan, JobSpec, JobState } from '../store/types.js';
import type { EngineContext } from './engine-context.js';

/** What recording needs of the engine. @internal */
export type AuditContext = Pick<EngineContext, 'o' | 'reportError'>;

/** The actor of an operator action that names none. @internal */
export const DEFAULT_ACTOR = 'api';
/** The actor of the changes reconciling the definitions makes. @internal */
export const DEPLOY_ACTOR = 'deploy';

/**
 * A job as the audit log shows it before and after a change: the spec and the operator state,
 * not the circuit (the scheduler's own). Slot audits read schedules and pauses back from it.
 *
 * @internal
 */
export interface AuditedJob {
  schedule: string;
  timezone: string;
  description?: string;
  dependsOn: string[];
  scheduleOverride?: string;
  paused: boolean;
  pauseNote?: string;
}

/** The audited view of a job row (or of a spec about to be inserted: not paused). @internal */
export function auditedJob(
  state: JobSpec & Partial<Pick<JobState, 'paused' | 'pauseNote' | 'scheduleOverride'>>,
): AuditedJob {
  const job: AuditedJob = {
    schedule: state.schedule,
    timezone: state.timezone,
    dependsOn: [...(state.dependsOn ?? [])],
    paused: state.paused ?? false,
  };
  if (state.description !== undefined) job.description = state.description;
  if (state.scheduleOverride !== undefined) job.scheduleOverride = state.scheduleOverride;
  if (state.pauseNote !== undefined) job.pauseNote = state.pauseNote;
  return job;
}

/**
 * Appends `entry` (stamped with this instance). A store that fails is reported (logged, and
 * `scheduler:operation-failed`), not thrown: the action it records is already done, and
 * failing it would invite a retry of something that happened.
 *
 * @internal
 */
export async function recordAudit(ctx: AuditContext, entry: Omit<AuditEntryInput, 'instanceId'>): Promise<void> {
  try {
    await ctx.o.store.appendAudit({ ...entry, instanceId: ctx.o.instanceId });
  } catch (error) {
    ctx.reportError(`audit log entry "${entry.action}"${entry.job ? ` of "${entry.job}"` : ''}`, error, 0);
  }
}

/**
 * The `deploy` entries of one reconcile: each job added, changed or (with `removeUnknownJobs`)
 * removed, its stored row `before` and its spec `after` (operator state kept).
 *
 * @internal
 */
export function deployEntries(
  plan: JobPlan,
  before: readonly JobState[],
  specs: readonly JobSpec[],
  removedRows: boolean,
): Omit<AuditEntryInput, 'instanceId'>[] {
  const stored = new Map(before.map((state) => [state.name, state]));
  const specOf = new Map(specs.map((spec) => [spec.name, spec]));
  const entries: Omit<AuditEntryInput, 'instanceId'>[] = [];
  for (const name of plan.added) {
    const spec = specOf.get(name);
    if (spec) entries.push({ actor: DEPLOY_ACTOR, action: 'job.created', job: name, after: auditedJob(spec) });
  }
  for (const { name, fields } of plan.changed) {
    const row = stored.get(name);
    const spec = specOf.get(name);
    if (!row || !spec) continue;
    const after = auditedJob({ ...spec, paused: row.paused });
    if (row.scheduleOverride !== undefined) after.scheduleOverride = row.scheduleOverride;
    if (row.pauseNote !== undefined) after.pauseNote = row.pauseNote;
    const note = `changed: ${fields.join(', ')}`;
    entries.push({ actor: DEPLOY_ACTOR, action: 'job.changed', job: name, before: auditedJob(row), after, note });
  }
  if (removedRows) {
    for (const name of plan.removed) {
      const row = stored.get(name);
      if (row) entries.push({ actor: DEPLOY_ACTOR, action: 'job.removed', job: name, before: auditedJob(row) });
    }
  }
  return entries;
}
