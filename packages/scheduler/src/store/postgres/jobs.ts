import { planJobs } from '../job-plan.js';
import { circuitJson } from '../row-json.js';
import type { JobPlan, JobSpec, JobState, JobStatePatch, ListJobsOptions } from '../types.js';
import { type PgJobRow, toJob } from './rows.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression } from './tables.js';

/** Serialises job reconciliation of one schema until the transaction ends ($1: lock name). */
const LOCK_RECONCILE: Sql = {
  key: 'lockReconcile',
  build: () => 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
};

/** Job rows by name. */
const SELECT_JOBS: Sql = { key: 'selectJobs', build: (t) => `SELECT * FROM ${t.jobs} ORDER BY name` };

/** Job rows updated at or after $1, by name. */
const SELECT_CHANGED_JOBS: Sql = {
  key: 'selectChangedJobs',
  build: (t) => `SELECT * FROM ${t.jobs} WHERE updated_at >= $1 ORDER BY name`,
};

/** One job row ($1 name). */
const SELECT_JOB: Sql = { key: 'selectJob', build: (t) => `SELECT * FROM ${t.jobs} WHERE name = $1` };

/** Adds a job with default operator state ($1 name, $2 schedule, $3 timezone, $4 description, $5 depends_on, $6 circuit, $7 now or NULL). */
const INSERT_JOB: Sql = {
  key: 'insertJob',
  build: (t) => `
INSERT INTO ${t.jobs} (name, schedule, timezone, description, depends_on, paused, circuit, created_at, updated_at)
SELECT $1, $2, $3, $4, $5::jsonb, false, $6::jsonb, clock.now, clock.now
FROM (SELECT ${nowExpression('$7')} AS now) clock`,
};

/** Updates a job's spec fields, operator state untouched ($1 name, $2 schedule, $3 timezone, $4 description, $5 depends_on, $6 now or NULL). */
const UPDATE_JOB_SPEC: Sql = {
  key: 'updateJobSpec',
  build: (t) => `
UPDATE ${t.jobs}
SET schedule = $2, timezone = $3, description = $4, depends_on = $5::jsonb, updated_at = ${nowExpression('$6')}
WHERE name = $1`,
};

/** Deletes a job row ($1 name); its runs stay in history. */
const DELETE_JOB: Sql = { key: 'deleteJob', build: (t) => `DELETE FROM ${t.jobs} WHERE name = $1` };

/**
 * Applies an operator patch; each flag says whether its field is part of it.
 * $1 name, $2 now or NULL, $3 set paused, $4 paused, $5 set note, $6 note,
 * $7 set override, $8 override, $9 circuit JSON or NULL.
 */
const PATCH_JOB: Sql = {
  key: 'patchJob',
  build: (t) => `
UPDATE ${t.jobs}
SET paused = CASE WHEN $3::boolean THEN $4::boolean ELSE paused END,
    pause_note = CASE WHEN $5::boolean THEN $6::text ELSE pause_note END,
    schedule_override = CASE WHEN $7::boolean THEN $8::text ELSE schedule_override END,
    circuit = coalesce($9::jsonb, circuit),
    updated_at = ${nowExpression('$2')}
WHERE name = $1
RETURNING *`,
};

/** Values of a job's spec columns ($1 name … $5 depends_on). */
function specValues(spec: JobSpec): unknown[] {
  return [spec.name, spec.schedule, spec.timezone, spec.description ?? null, JSON.stringify(spec.dependsOn ?? [])];
}

/** Brings the job rows in line with `specs` in one transaction under an advisory lock (or only plans it, `dryRun`). */
export async function reconcileJobs(
  s: PgSession,
  specs: readonly JobSpec[],
  options: { dryRun?: boolean; removeMissing?: boolean },
): Promise<JobPlan> {
  return s.transaction(async (client) => {
    await s.run(LOCK_RECONCILE, [`scheduler:reconcile:${s.tables.schema}`], client);
    const existing = (await s.rows<PgJobRow>(SELECT_JOBS, [], client)).map(toJob);
    const work = planJobs(existing, specs, options.removeMissing ?? false);
    if (options.dryRun) return work.plan;
    const now = s.nowParam();
    const closed = circuitJson({ state: 'closed', consecutiveFailures: 0 });
    for (const spec of work.inserts) await s.run(INSERT_JOB, [...specValues(spec), closed, now], client);
    for (const spec of work.updates) await s.run(UPDATE_JOB_SPEC, [...specValues(spec), now], client);
    for (const name of work.deletes) await s.run(DELETE_JOB, [name], client);
    return work.plan;
  });
}

/** Every job, or those changed since `updatedSince`, by name. */
export async function listJobs(s: PgSession, options: ListJobsOptions): Promise<JobState[]> {
  const since = options.updatedSince;
  const rows = since ? await s.rows<PgJobRow>(SELECT_CHANGED_JOBS, [since]) : await s.rows<PgJobRow>(SELECT_JOBS);
  return rows.map(toJob);
}

/** One job. */
export async function getJob(s: PgSession, name: string): Promise<JobState | undefined> {
  const [row] = await s.rows<PgJobRow>(SELECT_JOB, [name]);
  return row && toJob(row);
}

/** Applies an operator patch, returning the job as it now is. */
export async function updateJob(s: PgSession, name: string, patch: JobStatePatch): Promise<JobState | undefined> {
  const [row] = await s.rows<PgJobRow>(PATCH_JOB, [
    name,
    s.nowParam(),
    patch.paused !== undefined,
    patch.paused ?? false,
    patch.pauseNote !== undefined,
    patch.pauseNote ?? null,
    patch.scheduleOverride !== undefined,
    patch.scheduleOverride ?? null,
    patch.circuit ? circuitJson(patch.circuit) : null,
  ]);
  return row && toJob(row);
}
