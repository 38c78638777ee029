import { planJobs } from '../job-plan.js';
import { circuitJson } from '../row-json.js';
import type { JobPlan, JobSpec, JobState, JobStatePatch, ListJobsOptions } from '../types.js';
import { type SqliteJobRow, toJob } from './rows.js';
import type { Params, Sql, SqliteSession } from './session.js';

/** Job rows by name. */
const SELECT_JOBS: Sql = { key: 'selectJobs', build: (t) => `SELECT * FROM ${t.jobs} ORDER BY name` };

/** Job rows updated at or after @since (ms), by name. */
const SELECT_CHANGED_JOBS: Sql = {
  key: 'selectChangedJobs',
  build: (t) => `SELECT * FROM ${t.jobs} WHERE updated_at >= @since ORDER BY name`,
};

/** One job row. */
const SELECT_JOB: Sql = { key: 'selectJob', build: (t) => `SELECT * FROM ${t.jobs} WHERE name = @name` };

/** Adds a job with default operator state. */
const INSERT_JOB: Sql = {
  key: 'insertJob',
  build: (t) => `
INSERT INTO ${t.jobs} (name, schedule, timezone, description, depends_on, paused, circuit, created_at, updated_at)
VALUES (@name, @schedule, @timezone, @description, @dependsOn, 0, @circuit, @now, @now)`,
};

/** Updates a job's spec fields (operator state untouched). */
const UPDATE_JOB_SPEC: Sql = {
  key: 'updateJobSpec',
  build: (t) => `
UPDATE ${t.jobs}
SET schedule = @schedule, timezone = @timezone, description = @description, depends_on = @dependsOn, updated_at = @now
WHERE name = @name`,
};

/** Deletes a job row (its runs stay in history). */
const DELETE_JOB: Sql = { key: 'deleteJob', build: (t) => `DELETE FROM ${t.jobs} WHERE name = @name` };

/** Applies an operator patch; each `@set*` flag says whether its field is part of the patch. */
const PATCH_JOB: Sql = {
  key: 'patchJob',
  build: (t) => `
UPDATE ${t.jobs}
SET paused = CASE WHEN @setPaused THEN @paused ELSE paused END,
    pause_note = CASE WHEN @setPauseNote THEN @pauseNote ELSE pause_note END,
    schedule_override = CASE WHEN @setScheduleOverride THEN @scheduleOverride ELSE schedule_override END,
    circuit = coalesce(@circuit, circuit),
    updated_at = @now
WHERE name = @name
RETURNING *`,
};

/** Parameters of a job's spec columns. */
function specParams(spec: JobSpec): Params {
  return {
    name: spec.name,
    schedule: spec.schedule,
    timezone: spec.timezone,
    description: spec.description ?? null,
    dependsOn: JSON.stringify(spec.dependsOn ?? []),
  };
}

/** Brings the job rows in line with `specs` in one write transaction (or only plans it, `dryRun`). */
export function reconcileJobs(
  s: SqliteSession,
  specs: readonly JobSpec[],
  options: { dryRun?: boolean; removeMissing?: boolean },
): JobPlan {
  return s.immediate(() => {
    const existing = (s.stmt(SELECT_JOBS).all() as SqliteJobRow[]).map(toJob);
    const work = planJobs(existing, specs, options.removeMissing ?? false);
    if (options.dryRun) return work.plan;
    const now = s.nowMs();
    const closed = circuitJson({ state: 'closed', consecutiveFailures: 0 });
    for (const spec of work.inserts) s.stmt(INSERT_JOB).run({ ...specParams(spec), circuit: closed, now });
    for (const spec of work.updates) s.stmt(UPDATE_JOB_SPEC).run({ ...specParams(spec), now });
    for (const name of work.deletes) s.stmt(DELETE_JOB).run({ name });
    return work.plan;
  });
}

/** Every job, or those changed since `updatedSince`, by name. */
export function listJobs(s: SqliteSession, options: ListJobsOptions): JobState[] {
  const since = options.updatedSince;
  const rows = since ? s.stmt(SELECT_CHANGED_JOBS).all({ since: since.getTime() }) : s.stmt(SELECT_JOBS).all();
  return (rows as SqliteJobRow[]).map(toJob);
}

/** One job. */
export function getJob(s: SqliteSession, name: string): JobState | undefined {
  const row = s.stmt(SELECT_JOB).get({ name }) as SqliteJobRow | undefined;
  return row && toJob(row);
}

/** Applies an operator patch, returning the job as it now is. */
export function updateJob(s: SqliteSession, name: string, patch: JobStatePatch): JobState | undefined {
  const row = s.stmt(PATCH_JOB).get({
    name,
    now: s.nowMs(),
    setPaused: patch.paused === undefined ? 0 : 1,
    paused: patch.paused ? 1 : 0,
    setPauseNote: patch.pauseNote === undefined ? 0 : 1,
    pauseNote: patch.pauseNote ?? null,
    setScheduleOverride: patch.scheduleOverride === undefined ? 0 : 1,
    scheduleOverride: patch.scheduleOverride ?? null,
    circuit: patch.circuit ? circuitJson(patch.circuit) : null,
  }) as SqliteJobRow | undefined;
  return row && toJob(row);
}
