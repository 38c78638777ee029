import { StoreError } from '../../core/errors.js';
import { LEASE_EXPIRED_REASON } from '../run-record.js';
import type { ClaimRequest, ClaimResult, ReapResult, RunRecord, RunStatus } from '../types.js';
import { type PgRunJson, type PgRunRow, runFromJson, toRun } from './rows.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression, runNotifyPayload } from './tables.js';

const MAX_CLAIM_ROUNDS = 5;

/**
 * Claims a slot through `claim_slot(...)` (see `schema.ts`): one `json` value.
 * $1 now (or NULL: database clock), $2 id, $3 job, $4 scheduled_for,
 * $5 claim_key, $6 trigger, $7 status, $8 reason, $9 instance_id, $10 lease ms,
 * $11 abandon reason. A winning claim notifies the run channel of the new run and of the run it
 * abandoned (delivered at commit), so listeners hear of it without another round trip; a
 * losing claim notifies nothing.
 */
const CLAIM_SLOT: Sql = {
  key: 'claimRun',
  build: (t) => `SELECT ${t.quoted}.claim_slot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS claim`,
};

/**
 * Claims a slot without reading its holder (`inspectHolder: false`): one plain INSERT … ON
 * CONFLICT DO NOTHING on the partial unique index, a row back only when it won (the database
 * times, and its notification, sent at commit: RETURNING is evaluated for inserted rows only). No
 * function call, no second read: a loser pays what the bare insert does. The parameters of
 * {@link CLAIM_SLOT} but the last (no abandon reason).
 */
const CLAIM_SLOT_UNINSPECTED: Sql = {
  key: 'claimRunUninspected',
  // now() is the transaction's time: every use below gives the same instant.
  build: (t) => `
INSERT INTO ${t.runs} AS claimed (
  id, job, scheduled_for, claim_key, run_trigger, status, reason,
  created_at, instance_id, lease_expires_at, heartbeat_at, finished_at
)
VALUES (
  $2, $3, $4, $5, $6, $7, $8, ${nowExpression('$1')}, $9,
  CASE WHEN $7 = 'running' THEN ${nowExpression('$1')} + $10::double precision * interval '1 millisecond' END,
  CASE WHEN $7 = 'running' THEN ${nowExpression('$1')} END,
  CASE WHEN $7 <> 'running' THEN ${nowExpression('$1')} END
)
ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING
RETURNING created_at AS now, lease_expires_at AS lease, pg_notify('${t.runChannel}', ${runNotifyPayload('claimed')}) AS notified`,
};

/** Marks every running run whose lease expired abandoned, returning them ($1 now or NULL, $2 reason) and notifying the run channel. */
const REAP_EXPIRED_RUNS: Sql = {
  key: 'reapExpiredRuns',
  build: (t) => `
WITH reaped AS (
  UPDATE ${t.runs} r
  SET status = 'abandoned', reason = $2, finished_at = clock.now
  FROM (SELECT ${nowExpression('$1')} AS now) clock
  WHERE r.status = 'running' AND r.lease_expires_at <= clock.now
  RETURNING r.*
)
SELECT reaped.*, pg_notify('${t.runChannel}', ${runNotifyPayload('reaped')}) AS notified FROM reaped`,
};

/** The earliest lease expiry among running runs, NULL when none runs (the partial index on running leases). */
const SELECT_NEXT_LEASE_EXPIRY: Sql = {
  key: 'selectNextLeaseExpiry',
  build: (t) => `SELECT min(lease_expires_at) AS next FROM ${t.runs} WHERE status = 'running'`,
};
/** What `claim_slot(...)` returns (see `schema.ts`): database times of a win, or the holder. */
type PgClaimJson =
  | { now: string; lease: string | null; abandoned: PgRunJson | null }
  | { holder: string; status: RunStatus }
  | null;

/**
 * The run a winning claim inserted, built from the request and the database
 * times: exactly what reading the row back would give (the columns are the
 * request's values, unchanged by the database), without the database rendering
 * or the client parsing it.
 */
function claimedRun(request: ClaimRequest, at: string | Date, leaseExpiry: string | Date | null): RunRecord {
  const now = new Date(at);
  const run: RunRecord = {
    id: request.id,
    job: request.job,
    scheduledFor: new Date(request.scheduledFor.getTime()),
    claimKey: request.claimKey,
    trigger: request.trigger,
    status: request.status ?? 'running',
    attempts: [],
    createdAt: now,
    instanceId: request.instanceId,
  };
  if (typeof request.reason === 'string') run.reason = request.reason;
  if (leaseExpiry === null) {
    run.finishedAt = new Date(at);
  } else {
    run.leaseExpiresAt = new Date(leaseExpiry);
    run.heartbeatAt = new Date(at);
  }
  return run;
}

/** Turns the `claim_slot(...)` value into a {@link ClaimResult}; `undefined` when the claim must be tried again. */
function toClaimResult(request: ClaimRequest, claim: PgClaimJson): ClaimResult | undefined {
  if (claim === null) return undefined;
  if ('holder' in claim) return { claimed: false, holder: { id: claim.holder, status: claim.status } };
  const run = claimedRun(request, claim.now, claim.lease);
  return claim.abandoned ? { claimed: true, run, abandoned: runFromJson(claim.abandoned) } : { claimed: true, run };
}

/**
 * Claims a slot in one server-side call, abandoning a holder whose lease expired; tries again
 * while the holder keeps changing. With `inspectHolder: false`, one plain insert.
 */
export async function claimRun(s: PgSession, request: ClaimRequest): Promise<ClaimResult> {
  const values = [
    s.nowParam(),
    request.id,
    request.job,
    request.scheduledFor,
    request.claimKey,
    request.trigger,
    request.status ?? 'running',
    request.reason ?? null,
    request.instanceId,
    request.leaseMs,
    LEASE_EXPIRED_REASON,
  ];
  if (request.inspectHolder === false) {
    const [won] = await s.rows<{ now: Date; lease: Date | null }>(CLAIM_SLOT_UNINSPECTED, values.slice(0, 10));
    return won ? { claimed: true, run: claimedRun(request, won.now, won.lease) } : { claimed: false };
  }
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
    const [row] = await s.rows<{ claim: PgClaimJson }>(CLAIM_SLOT, values);
    const result = toClaimResult(request, row?.claim ?? null);
    if (result) return result;
    // The holder changed under the claim each time it looked (abandoned, pruned, re-claimed): try again.
  }
  throw new StoreError(
    'claimRun',
    `Cannot claim slot ${request.claimKey} of job "${request.job}" in PostgreSQL at ${s.target}: its holder changed ${MAX_CLAIM_ROUNDS} times during the claim. Retry later.`,
  );
}

/** Abandons every run whose lease expired; says when the next lease expires. */
export async function reapExpiredRuns(s: PgSession): Promise<ReapResult> {
  const rows = await s.rows<PgRunRow>(REAP_EXPIRED_RUNS, [s.nowParam(), LEASE_EXPIRED_REASON]);
  const [row] = await s.rows<{ next: Date | null }>(SELECT_NEXT_LEASE_EXPIRY);
  return { abandoned: rows.map(toRun), nextLeaseExpiresAt: row?.next ?? undefined };
}
