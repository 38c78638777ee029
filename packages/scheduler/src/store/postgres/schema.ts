import { StoreError } from '../../core/errors.js';
import type { PgClientLike } from './driver-types.js';
import type { PgTables } from './tables.js';

/** Version 1, the initial schema, part 1 — tables and indexes: jobs, runs (with the partial unique claim index), state, audit. */
const initialTables = (t: PgTables): string => `
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
CREATE TABLE ${t.audit} (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  job text COLLATE "C",
  state_before jsonb,
  state_after jsonb,
  note text,
  instance_id text
);
CREATE INDEX audit_at ON ${t.audit} (at DESC, id DESC);
CREATE INDEX audit_job_at ON ${t.audit} (job, at DESC, id DESC);`;

/** Version 1, part 3 — the audit log refuses updates, whoever tries (the API never offers one). */
const auditAppendOnly = (t: PgTables): string => `
CREATE FUNCTION ${t.quoted}.audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: entries are never updated';
END
$fn$;
CREATE TRIGGER audit_append_only BEFORE UPDATE ON ${t.audit}
  FOR EACH ROW EXECUTE FUNCTION ${t.quoted}.audit_append_only();`;

/**
 * The claim as one server-side call, `claim_slot(...)` (run by `claimRun` in
 * `claims.ts`). Built so that both common cases cost about what a bare
 * INSERT … ON CONFLICT DO NOTHING costs:
 *
 * - win: one plain INSERT … ON CONFLICT DO NOTHING on the partial unique index, and
 *   only the database times of the new run come back (`{"now", "lease"}`); the
 *   caller knows every other column, having sent them.
 * - lose: after that insert waited for the winner, one index read of the holder
 *   with a fresh snapshot (each statement of a VOLATILE PL/pgSQL function takes one
 *   under READ COMMITTED); only its id and status come back (`{"holder", "status"}`).
 *
 * A running holder whose lease expired (database clock, or `p_now` when a clock is
 * injected) is marked `abandoned`: the UPDATE re-checks status and lease on the
 * newest row version, so a heartbeat that renewed it in between wins; then the
 * insert is tried again and a win carries the abandoned run
 * (`{"now", "lease", "abandoned": run}`). NULL only when the holder changed under
 * the claim three times (the caller tries again). A scalar `json` result: no
 * set-returning function, one column to describe and parse.
 */
const claimSlotFunction = (t: PgTables): string => `CREATE FUNCTION ${t.quoted}.claim_slot(
  p_now timestamptz, p_id text, p_job text, p_scheduled_for timestamptz, p_claim_key text, p_trigger text,
  p_status text, p_reason text, p_instance_id text, p_lease_ms double precision, p_abandon_reason text
) RETURNS json
LANGUAGE plpgsql VOLATILE AS $claim$
#variable_conflict use_column
DECLARE
  v_now timestamptz := date_trunc('milliseconds', coalesce(p_now, now()));
  v_lease timestamptz := CASE WHEN p_status = 'running' THEN v_now + p_lease_ms * interval '1 millisecond' END;
  v_abandoned json;
  v_holder_id text;
  v_holder_status text;
  v_holder_lease timestamptz;
BEGIN
  FOR attempt IN 1..3 LOOP
    INSERT INTO ${t.runs} (
      id, job, scheduled_for, claim_key, run_trigger, status, reason,
      created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
    )
    VALUES (
      p_id, p_job, p_scheduled_for, p_claim_key, p_trigger, p_status, p_reason, v_now, p_instance_id, v_lease,
      CASE WHEN v_lease IS NOT NULL THEN v_now END,
      CASE WHEN v_lease IS NULL THEN v_now END
    )
    ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING;
    IF FOUND THEN
      -- listeners hear of the claim (and of the run it abandoned) at commit
      PERFORM pg_notify('${t.runChannel}',
        json_build_object('job', p_job, 'id', p_id, 'status', p_status, 'lease', v_lease)::text);
      IF v_abandoned IS NOT NULL THEN
        PERFORM pg_notify('${t.runChannel}', json_build_object('job', v_abandoned->>'job',
          'id', v_abandoned->>'id', 'status', 'abandoned', 'lease', NULL)::text);
      END IF;
      RETURN json_build_object('now', v_now, 'lease', v_lease, 'abandoned', v_abandoned);
    END IF;
    -- held: a new statement sees the holder even if it committed while the insert waited on it
    SELECT h.id, h.status, h.lease_expires_at
      INTO v_holder_id, v_holder_status, v_holder_lease
      FROM ${t.runs} h WHERE h.job = p_job AND h.claim_key = p_claim_key AND h.status <> 'abandoned';
    CONTINUE WHEN NOT FOUND; -- abandoned or pruned meanwhile: insert again
    IF v_holder_status <> 'running' OR v_holder_lease > v_now THEN
      RETURN json_build_object('holder', v_holder_id, 'status', v_holder_status);
    END IF;
    UPDATE ${t.runs} u SET status = 'abandoned', reason = p_abandon_reason, finished_at = v_now
    WHERE u.id = v_holder_id AND u.status = 'running' AND u.lease_expires_at <= v_now
    RETURNING row_to_json(u) INTO v_abandoned;
  END LOOP;
  RETURN NULL;
END
$claim$;`;

/**
 * Every write to a job row (pause, resume, schedule override, circuit state,
 * reconcile) sends `NOTIFY <channel>, '<job name>'` at commit, whoever made it (the
 * scheduler, the runner's CLI, plain SQL), so listening instances read it at once.
 */
const jobChangeNotify = (t: PgTables): string => `
CREATE FUNCTION ${t.quoted}.notify_job_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('${t.channel}', CASE WHEN TG_OP = 'DELETE' THEN OLD.name ELSE NEW.name END);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER jobs_changed AFTER INSERT OR UPDATE OR DELETE ON ${t.jobs}
  FOR EACH ROW EXECUTE FUNCTION ${t.quoted}.notify_job_change();`;

/** One schema version of the PostgreSQL store. Versions only ever get appended. */
interface PgMigration {
  version: number;
  name: string;
  sql: (t: PgTables) => string;
}

const MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'initial',
    sql: (t) => [initialTables(t), claimSlotFunction(t), jobChangeNotify(t), auditAppendOnly(t)].join('\n'),
  },
];

/** The schema version this code expects. */
const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Serialises migrations of one schema across connections and processes ($1: lock name), until the transaction ends. */
const LOCK_MIGRATIONS = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

/** The table recording applied schema versions. */
const createMigrationsTable = (t: PgTables): string => `
CREATE TABLE IF NOT EXISTS ${t.migrations} (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Creates the schema and applies missing migrations inside the caller's
 * transaction, holding a transaction-scoped advisory lock named after the
 * schema: concurrent `init()` calls (other processes included) wait for it,
 * then find nothing left to do.
 */
export async function migrate(client: PgClientLike, t: PgTables): Promise<void> {
  await client.query({ text: LOCK_MIGRATIONS, values: [`scheduler:migrate:${t.schema}`] });
  await client.query({ text: `CREATE SCHEMA IF NOT EXISTS ${t.quoted}` });
  await client.query({ text: createMigrationsTable(t) });
  const { rows } = await client.query({ text: `SELECT max(version) AS version FROM ${t.migrations}` });
  const current = Number((rows[0] as { version: number | null } | undefined)?.version ?? 0);
  if (current > PG_SCHEMA_VERSION) {
    throw new StoreError(
      'init',
      `PostgreSQL schema "${t.schema}" has scheduler schema version ${current}, newer than this version of @pokemon/scheduler understands (${PG_SCHEMA_VERSION}). Upgrade @pokemon/scheduler.`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    await client.query({ text: migration.sql(t) });
    await client.query({
      text: `INSERT INTO ${t.migrations} (version, name) VALUES ($1, $2)`,
      values: [migration.version, migration.name],
    });
  }
}
