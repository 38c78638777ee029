import type { SqliteTables } from '../tables.js';

/** Version 1: jobs, runs (with the partial unique claim index), state. */
export const migration001Initial = (t: SqliteTables): string => `
CREATE TABLE ${t.jobs} (
  name TEXT PRIMARY KEY,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  description TEXT,
  depends_on TEXT NOT NULL DEFAULT '[]',
  schedule_override TEXT,
  paused INTEGER NOT NULL DEFAULT 0,
  pause_note TEXT,
  circuit TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE ${t.runs} (
  id TEXT PRIMARY KEY,
  job TEXT NOT NULL,
  scheduled_for INTEGER NOT NULL,
  claim_key TEXT NOT NULL,
  run_trigger TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  attempts TEXT NOT NULL DEFAULT '[]',
  result TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  duration_ms INTEGER,
  instance_id TEXT,
  lease_expires_at INTEGER,
  heartbeat_at INTEGER,
  progress TEXT
);
CREATE UNIQUE INDEX ${t.prefix}runs_claim ON ${t.runs} (job, claim_key) WHERE status <> 'abandoned';
CREATE INDEX ${t.prefix}runs_job_status_slot ON ${t.runs} (job, status, scheduled_for DESC, id DESC);
CREATE INDEX ${t.prefix}runs_job_slot ON ${t.runs} (job, scheduled_for DESC, id DESC);
CREATE INDEX ${t.prefix}runs_slot ON ${t.runs} (scheduled_for DESC, id DESC);
CREATE INDEX ${t.prefix}runs_running_lease ON ${t.runs} (lease_expires_at) WHERE status = 'running';
CREATE TABLE ${t.state} (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;
