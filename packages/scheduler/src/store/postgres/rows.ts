import type { SerializedError } from '../../core/serialized-error.js';
import { parseAttempts, parseCircuit } from '../row-json.js';
import type { JobState, RunRecord, RunStatus, RunTrigger } from '../types.js';

/** A row of the runs table as pg returns it (timestamptz as Date, jsonb parsed, bigint as string). */
export interface PgRunRow {
  id: string;
  job: string;
  scheduled_for: Date;
  claim_key: string;
  run_trigger: string;
  status: string;
  reason: string | null;
  attempts: unknown[];
  result: unknown;
  error: SerializedError | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: string | number | null;
  instance_id: string | null;
  lease_expires_at: Date | null;
  heartbeat_at: Date | null;
  progress: unknown;
}

/** A row of the jobs table. */
export interface PgJobRow {
  name: string;
  schedule: string;
  timezone: string;
  description: string | null;
  depends_on: string[];
  schedule_override: string | null;
  paused: boolean;
  pause_note: string | null;
  circuit: object;
  created_at: Date;
  updated_at: Date;
}

/** Turns a runs row into a {@link RunRecord} (NULL columns stay absent). */
export function toRun(row: PgRunRow): RunRecord {
  const run: RunRecord = {
    id: row.id,
    job: row.job,
    scheduledFor: row.scheduled_for,
    claimKey: row.claim_key,
    trigger: row.run_trigger as RunTrigger,
    status: row.status as RunStatus,
    attempts: parseAttempts(row.attempts),
    createdAt: row.created_at,
  };
  if (row.reason !== null) run.reason = row.reason;
  if (row.result !== null) run.result = row.result;
  if (row.error !== null) run.error = row.error;
  if (row.started_at !== null) run.startedAt = row.started_at;
  if (row.finished_at !== null) run.finishedAt = row.finished_at;
  if (row.duration_ms !== null) run.durationMs = Number(row.duration_ms);
  if (row.instance_id !== null) run.instanceId = row.instance_id;
  if (row.lease_expires_at !== null) run.leaseExpiresAt = row.lease_expires_at;
  if (row.heartbeat_at !== null) run.heartbeatAt = row.heartbeat_at;
  if (row.progress !== null) run.progress = row.progress;
  return run;
}

/** A runs row as `row_to_json` renders it: timestamptz as ISO 8601 text, the rest as in {@link PgRunRow}. */
export type PgRunJson = {
  [K in keyof PgRunRow]: PgRunRow[K] extends Date
    ? string
    : PgRunRow[K] extends Date | null
      ? string | null
      : PgRunRow[K];
};

/** Turns a runs row rendered by `row_to_json` into a {@link RunRecord} (NULL columns stay absent). */
export function runFromJson(json: PgRunJson): RunRecord {
  const run: RunRecord = {
    id: json.id,
    job: json.job,
    scheduledFor: new Date(json.scheduled_for),
    claimKey: json.claim_key,
    trigger: json.run_trigger as RunTrigger,
    status: json.status as RunStatus,
    attempts: parseAttempts(json.attempts),
    createdAt: new Date(json.created_at),
  };
  // plain ifs, no intermediate row object: a losing claim decodes its holder on every race
  if (json.reason !== null) run.reason = json.reason;
  if (json.result !== null) run.result = json.result;
  if (json.error !== null) run.error = json.error;
  if (json.started_at !== null) run.startedAt = new Date(json.started_at);
  if (json.finished_at !== null) run.finishedAt = new Date(json.finished_at);
  if (json.duration_ms !== null) run.durationMs = Number(json.duration_ms);
  if (json.instance_id !== null) run.instanceId = json.instance_id;
  if (json.lease_expires_at !== null) run.leaseExpiresAt = new Date(json.lease_expires_at);
  if (json.heartbeat_at !== null) run.heartbeatAt = new Date(json.heartbeat_at);
  if (json.progress !== null) run.progress = json.progress;
  return run;
}

/** Turns a jobs row into a {@link JobState}. */
export function toJob(row: PgJobRow): JobState {
  const job: JobState = {
    name: row.name,
    schedule: row.schedule,
    timezone: row.timezone,
    dependsOn: row.depends_on,
    paused: row.paused,
    circuit: parseCircuit(row.circuit),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.description !== null) job.description = row.description;
  if (row.schedule_override !== null) job.scheduleOverride = row.schedule_override;
  if (row.pause_note !== null) job.pauseNote = row.pause_note;
  return job;
}
