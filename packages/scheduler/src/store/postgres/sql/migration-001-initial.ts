import type { PgTables } from '../tables.js';

/** Version 1: jobs, runs (with the partial unique claim index), state. */
export const migration001Initial = (t: PgTables): string => `
CREATE TABLE ${t.jobs} (
  name text COLLATE "C" PRIMARY KEY,
  schedule text NOT NULL,
  timezone text NOT NULL,
  description text,
  depends_on jsonb NOT NULL DEFAULT '[]',
  schedule_override text,
  paused boolean NOT NULL DEFAULT false,
  pause_note text,
  circuit jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE ${t.runs} (
  id text COLLATE "C" PRIMARY KEY,
  job text COLLATE "C" NOT NULL,
  scheduled_for timestamptz NOT NULL,
  claim_key text COLLATE "C" NOT NULL,
  run_trigger text NOT NULL,
  status text NOT NULL,
  reason text,
  attempts jsonb NOT NULL DEFAULT '[]',
  result jsonb,
  error jsonb,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms bigint,
  instance_id text,
  lease_expires_at timestamptz,
  heartbeat_at timestamptz,
  progress jsonb
);
CREATE UNIQUE INDEX runs_claim ON ${t.runs} (job, claim_key) WHERE status <> 'abandoned';
CREATE INDEX runs_job_status_slot ON ${t.runs} (job, status, scheduled_for DESC, id DESC);
CREATE INDEX runs_job_slot ON ${t.runs} (job, scheduled_for DESC, id DESC);
CREATE INDEX runs_slot ON ${t.runs} (scheduled_for DESC, id DESC);
CREATE INDEX runs_running_lease ON ${t.runs} (lease_expires_at) WHERE status = 'running';
CREATE TABLE ${t.state} (
  key text COLLATE "C" PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
`;
