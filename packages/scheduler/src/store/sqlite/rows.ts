import type { SerializedError } from '../../core/serialized-error.js';
import { parseAttempts, parseCircuit } from '../row-json.js';
import type { JobState, RunRecord, RunStatus, RunTrigger } from '../types.js';

/** A row of the runs table as better-sqlite3 returns it (times in ms since the epoch). */
export interface SqliteRunRow {
  id: string;
  job: string;
  scheduled_for: number;
  claim_key: string;
  run_trigger: string;
  status: string;
  reason: string | null;
  attempts: string;
  result: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  instance_id: string | null;
  lease_expires_at: number | null;
  heartbeat_at: number | null;
  progress: string | null;
}

/** A row of the jobs table. */
export interface SqliteJobRow {
  name: string;
  schedule: string;
  timezone: string;
  description: string | null;
  depends_on: string;
  schedule_override: string | null;
  paused: number;
  pause_note: string | null;
  circuit: string;
  created_at: number;
  updated_at: number;
}

/** Turns a runs row into a {@link RunRecord} (absent columns stay absent). */
export function toRun(row: SqliteRunRow): RunRecord {
  const run: RunRecord = {
    id: row.id,
    job: row.job,
    scheduledFor: new Date(row.scheduled_for),
    claimKey: row.claim_key,
    trigger: row.run_trigger as RunTrigger,
    status: row.status as RunStatus,
    attempts: parseAttempts(row.attempts),
    createdAt: new Date(row.created_at),
  };
  // plain ifs, no intermediate objects: history pages convert up to 500 rows
  if (row.reason !== null) run.reason = row.reason;
  if (row.result !== null) run.result = JSON.parse(row.result);
  if (row.error !== null) run.error = JSON.parse(row.error) as SerializedError;
  if (row.started_at !== null) run.startedAt = new Date(row.started_at);
  if (row.finished_at !== null) run.finishedAt = new Date(row.finished_at);
  if (row.duration_ms !== null) run.durationMs = row.duration_ms;
  if (row.instance_id !== null) run.instanceId = row.instance_id;
  if (row.lease_expires_at !== null) run.leaseExpiresAt = new Date(row.lease_expires_at);
  if (row.heartbeat_at !== null) run.heartbeatAt = new Date(row.heartbeat_at);
  if (row.progress !== null) run.progress = JSON.parse(row.progress);
  return run;
}

/** Turns a jobs row into a {@link JobState}. */
export function toJob(row: SqliteJobRow): JobState {
  const job: JobState = {
    name: row.name,
    schedule: row.schedule,
    timezone: row.timezone,
    dependsOn: JSON.parse(row.depends_on) as string[],
    paused: row.paused !== 0,
    circuit: parseCircuit(row.circuit),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
  if (row.description !== null) job.description = row.description;
  if (row.schedule_override !== null) job.scheduleOverride = row.schedule_override;
  if (row.pause_note !== null) job.pauseNote = row.pause_note;
  return job;
}
