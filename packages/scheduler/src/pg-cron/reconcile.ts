import type { ExternalJobChange } from '../job/external-jobs.js';
import type { AuditEntryInput, JobState } from '../store/types.js';
import type { CronJobRow, DesiredCronJob } from './cron-jobs.js';
import type { PgCronJobDefinition } from './pg-cron-job.js';

/** One step of a pg_cron reconcile. @internal */
export type CronStep =
  | { kind: 'create'; job: string; desired: DesiredCronJob }
  | {
      kind: 'alter';
      job: string;
      jobid: string;
      before: CronJobRow;
      desired: DesiredCronJob;
      change: ExternalJobChange;
    }
  | { kind: 'remove'; job: string; jobid: string; before: CronJobRow };

/**
 * What `cron.job` should hold: each definition under `prefix`, with the operator's state from the
 * store (a schedule override replaces the schedule; paused is `active = false`).
 *
 * @internal
 */
export function desiredJobs(
  defs: readonly PgCronJobDefinition[],
  states: ReadonlyMap<string, JobState>,
  prefix: string,
  defaultDatabase: string,
): DesiredCronJob[] {
  return defs.map((def) => {
    const state = states.get(def.name);
    return {
      jobname: `${prefix}${def.name}`,
      schedule: state?.scheduleOverride ?? def.schedule,
      command: def.sql,
      database: def.database ?? defaultDatabase,
      active: !(state?.paused ?? false),
    };
  });
}

/**
 * The steps from `existing` (the prefixed rows of `cron.job`) to `desired`: create the missing,
 * alter the different (keeping their id and history), remove the rest (duplicates included).
 * Pure; rows without the prefix never reach it.
 *
 * @internal
 */
export function planCronSteps(
  existing: readonly CronJobRow[],
  desired: readonly DesiredCronJob[],
  prefix: string,
): CronStep[] {
  const steps: CronStep[] = [];
  const byName = new Map<string, CronJobRow>();
  for (const row of existing) {
    if (byName.has(row.jobname)) steps.push(removal(row, prefix));
    else byName.set(row.jobname, row);
  }
  const wanted = new Set(desired.map((job) => job.jobname));
  for (const job of desired) {
    const name = job.jobname.slice(prefix.length);
    const row = byName.get(job.jobname);
    if (!row) {
      steps.push({ kind: 'create', job: name, desired: job });
      continue;
    }
    const change = difference(name, row, job);
    if (change) steps.push({ kind: 'alter', job: name, jobid: row.jobid, before: row, desired: job, change });
  }
  for (const row of byName.values()) {
    if (!wanted.has(row.jobname)) steps.push(removal(row, prefix));
  }
  return steps;
}

function removal(row: CronJobRow, prefix: string): CronStep {
  return { kind: 'remove', job: row.jobname.slice(prefix.length), jobid: row.jobid, before: row };
}

function difference(job: string, row: CronJobRow, desired: DesiredCronJob): ExternalJobChange | undefined {
  const fields: string[] = [];
  if (row.schedule !== desired.schedule) fields.push('schedule');
  if (row.command !== desired.command) fields.push('command');
  if (row.database !== desired.database) fields.push('database');
  if (fields.length === 0 && row.active !== desired.active) return { job, action: desired.active ? 'resume' : 'pause' };
  if (row.active !== desired.active) fields.push('active');
  return fields.length === 0 ? undefined : { job, action: 'change', fields };
}

/** The steps as plan changes. @internal */
export function stepChanges(steps: readonly CronStep[]): ExternalJobChange[] {
  return steps.map((step) => {
    if (step.kind === 'create') return { job: step.job, action: 'add' };
    if (step.kind === 'remove') return { job: step.job, action: 'remove' };
    return step.change;
  });
}

/**
 * The audit log entries of applied steps (actor `deploy`): jobs created, changed or removed in
 * `cron.job`, with the row before and after. Pause and resume are left out: the operator action
 * that caused them is recorded where it was made.
 *
 * @internal
 */
export function stepAudits(steps: readonly CronStep[], instanceId: string): AuditEntryInput[] {
  const entries: AuditEntryInput[] = [];
  for (const step of steps) {
    if (step.kind === 'alter' && step.change.action !== 'change') continue;
    const action = step.kind === 'create' ? 'job.created' : step.kind === 'alter' ? 'job.changed' : 'job.removed';
    const entry: AuditEntryInput = { actor: 'deploy', action, job: step.job, instanceId };
    if (step.kind !== 'create') entry.before = cronFields(step.before);
    if (step.kind !== 'remove') entry.after = cronFields(step.desired);
    const jobname = step.kind === 'create' ? step.desired.jobname : step.before.jobname;
    entry.note = `pg_cron: cron.job "${jobname}"${step.kind === 'alter' ? ` (${step.change.fields?.join(', ')})` : ''}`;
    entries.push(entry);
  }
  return entries;
}

function cronFields(job: DesiredCronJob): DesiredCronJob {
  const { jobname, schedule, command, database, active } = job;
  return { jobname, schedule, command, database, active };
}
