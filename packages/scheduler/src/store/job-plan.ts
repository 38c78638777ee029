import { StoreError } from '../core/errors.js';
import type { JobPlan, JobSpec, JobState } from './types.js';

/** What a store must write to reconcile job specs, and the plan it reports. */
export interface JobReconciliation {
  /** The report: names sorted, `changed` with the fields that differ. */
  plan: JobPlan;
  /** Specs to insert (new jobs). */
  inserts: JobSpec[];
  /** Specs whose spec fields must be updated (operator state kept). */
  updates: JobSpec[];
  /** Job rows to delete (only with `removeMissing`). */
  deletes: string[];
}

/**
 * Compares `specs` (the code) with the store's `existing` rows by name.
 * `removed` lists stored jobs absent from `specs`; they are deleted only with `removeMissing`.
 */
export function planJobs(
  existing: readonly JobState[],
  specs: readonly JobSpec[],
  removeMissing: boolean,
): JobReconciliation {
  const byName = new Map(existing.map((job) => [job.name, job]));
  const seen = new Set<string>();
  const result: JobReconciliation = {
    plan: { added: [], changed: [], removed: [], unchanged: [] },
    inserts: [],
    updates: [],
    deletes: [],
  };
  for (const spec of specs) {
    if (seen.has(spec.name)) {
      throw new StoreError(
        'reconcileJobs',
        `Job "${spec.name}" appears twice in the specs to reconcile. Give every job a unique name.`,
      );
    }
    seen.add(spec.name);
    const stored = byName.get(spec.name);
    if (!stored) {
      result.plan.added.push(spec.name);
      result.inserts.push(spec);
      continue;
    }
    const fields = changedFields(stored, spec);
    if (fields.length === 0) result.plan.unchanged.push(spec.name);
    else {
      result.plan.changed.push({ name: spec.name, fields });
      result.updates.push(spec);
    }
  }
  for (const job of existing) {
    if (seen.has(job.name)) continue;
    result.plan.removed.push(job.name);
    if (removeMissing) result.deletes.push(job.name);
  }
  result.plan.added.sort();
  result.plan.removed.sort();
  result.plan.unchanged.sort();
  result.plan.changed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return result;
}

function changedFields(stored: JobSpec, spec: JobSpec): string[] {
  const fields: string[] = [];
  if (stored.schedule !== spec.schedule) fields.push('schedule');
  if (stored.timezone !== spec.timezone) fields.push('timezone');
  if ((stored.description ?? undefined) !== (spec.description ?? undefined)) fields.push('description');
  if (JSON.stringify(stored.dependsOn ?? []) !== JSON.stringify(spec.dependsOn ?? [])) fields.push('dependsOn');
  return fields;
}
