import { LEASE_EXPIRED_REASON } from '../run-record.js';
import type { ClaimRequest, ClaimResult, ReapResult, RunStatus } from '../types.js';
import { type SqliteRunRow, toRun } from './rows.js';
import type { Params, Sql, SqliteSession } from './session.js';

/**
 * Marks the running holder of `(job, claim_key)` abandoned if its lease has
 * expired. The holder is found through the partial unique index
 * (`status <> 'abandoned'` is its predicate) and updated by rowid: with
 * `status = 'running'` in the same WHERE, SQLite would pick the
 * `(job, status, …)` index and scan every running run of the job.
 */
const ABANDON_EXPIRED_HOLDER: Sql = {
  key: 'abandonExpiredHolder',
  build: (t) => `
UPDATE ${t.runs}
SET status = 'abandoned', reason = @reason, finished_at = @now
WHERE rowid = (
    SELECT rowid FROM ${t.runs} WHERE job = @job AND claim_key = @claimKey AND status <> 'abandoned'
  )
  AND status = 'running' AND lease_expires_at <= @now
RETURNING *`,
};

/** Claims a slot: inserts the run unless a live (non-abandoned) run holds `(job, claim_key)`. */
const INSERT_RUN: Sql = {
  key: 'insertRun',
  build: (t) => `
INSERT INTO ${t.runs} (
  id, job, scheduled_for, claim_key, run_trigger, status, reason,
  created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
) VALUES (
  @id, @job, @scheduledFor, @claimKey, @trigger, @status, @reason,
  @now, @instanceId, @leaseExpiresAt, @heartbeatAt, @finishedAt
)
ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
RETURNING *`,
};

/** The live run holding `(job, claim_key)`. */
const SELECT_HOLDER: Sql = {
  key: 'selectHolder',
  build: (t) => `SELECT id, status FROM ${t.runs} WHERE job = @job AND claim_key = @claimKey AND status <> 'abandoned'`,
};

/** Marks every running run whose lease has expired abandoned, returning them. */
const REAP_EXPIRED_RUNS: Sql = {
  key: 'reapExpiredRuns',
  build: (t) => `
UPDATE ${t.runs}
SET status = 'abandoned', reason = @reason, finished_at = @now
WHERE status = 'running' AND lease_expires_at <= @now
RETURNING *`,
};

/** The earliest lease expiry (ms) among running runs, NULL when none runs (the partial index on running leases). */
const SELECT_NEXT_LEASE_EXPIRY: Sql = {
  key: 'selectNextLeaseExpiry',
  build: (t) => `SELECT min(lease_expires_at) AS next FROM ${t.runs} WHERE status = 'running'`,
};

/** Parameters of the claim insert; lease and heartbeat only for `running` claims. */
function claimParams(request: ClaimRequest, now: number): Params {
  const status = request.status ?? 'running';
  const running = status === 'running';
  return {
    id: request.id,
    job: request.job,
    scheduledFor: request.scheduledFor.getTime(),
    claimKey: request.claimKey,
    trigger: request.trigger,
    status,
    reason: request.reason ?? null,
    now,
    instanceId: request.instanceId,
    leaseExpiresAt: running ? now + request.leaseMs : null,
    heartbeatAt: running ? now : null,
    finishedAt: running ? null : now,
  };
}

/**
 * Claims a slot in one write transaction, first abandoning a holder whose lease expired; with
 * `inspectHolder: false`, only the insert (a loser learns nothing more).
 */
export function claimRun(s: SqliteSession, request: ClaimRequest): ClaimResult {
  return s.immediate(() => {
    const now = s.nowMs();
    const key = { job: request.job, claimKey: request.claimKey };
    const inspect = request.inspectHolder !== false;
    const expired = inspect
      ? (s.stmt(ABANDON_EXPIRED_HOLDER).get({ ...key, now, reason: LEASE_EXPIRED_REASON }) as SqliteRunRow | undefined)
      : undefined;
    const inserted = s.stmt(INSERT_RUN).get(claimParams(request, now)) as SqliteRunRow | undefined;
    if (inserted) {
      return expired
        ? { claimed: true, run: toRun(inserted), abandoned: toRun(expired) }
        : { claimed: true, run: toRun(inserted) };
    }
    if (!inspect) return { claimed: false };
    const holder = s.stmt(SELECT_HOLDER).get(key) as { id: string; status: RunStatus };
    return { claimed: false, holder: { id: holder.id, status: holder.status } };
  });
}

/** Abandons every run whose lease expired; says when the next lease expires. */
export function reapExpiredRuns(s: SqliteSession): ReapResult {
  const params = { now: s.nowMs(), reason: LEASE_EXPIRED_REASON };
  const abandoned = (s.stmt(REAP_EXPIRED_RUNS).all(params) as SqliteRunRow[]).map(toRun);
  const { next } = s.stmt(SELECT_NEXT_LEASE_EXPIRY).get() as { next: number | null };
  return { abandoned, nextLeaseExpiresAt: next === null ? undefined : new Date(next) };
}
