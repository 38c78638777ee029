import type { ClaimRequest, ClaimResult, RunRecord } from '../types.js';
import { type PgRunJson, runFromJson } from './rows.js';

/** What `claim_slot(...)` returns (migration 4): database times of a win, or the holder. */
export type PgClaimJson =
  | { now: string; lease: string | null; abandoned: PgRunJson | null }
  | { holder: PgRunJson }
  | null;

/**
 * The run a winning claim inserted, built from the request and the database
 * times: exactly what reading the row back would give (the columns are the
 * request's values, unchanged by the database), without the database rendering
 * or the client parsing it.
 */
function claimedRun(request: ClaimRequest, nowText: string, leaseText: string | null): RunRecord {
  const now = new Date(nowText);
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
  if (leaseText === null) {
    run.finishedAt = new Date(nowText);
  } else {
    run.leaseExpiresAt = new Date(leaseText);
    run.heartbeatAt = new Date(nowText);
  }
  return run;
}

/** Turns the `claim_slot(...)` value into a {@link ClaimResult}; `undefined` when the claim must be tried again. */
export function toClaimResult(request: ClaimRequest, claim: PgClaimJson): ClaimResult | undefined {
  if (claim === null) return undefined;
  if ('holder' in claim) return { claimed: false, existing: runFromJson(claim.holder) };
  const run = claimedRun(request, claim.now, claim.lease);
  return claim.abandoned ? { claimed: true, run, abandoned: runFromJson(claim.abandoned) } : { claimed: true, run };
}
