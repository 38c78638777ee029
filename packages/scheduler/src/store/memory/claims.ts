import { StoreError } from '../../core/errors.js';
import { cloneRun, LEASE_EXPIRED_REASON } from '../run-record.js';
import type { ClaimRequest, ClaimResult, ReapResult, RunRecord } from '../types.js';
import { type MemoryTables, nowOf, releaseClaim, runChanged } from './tables.js';

/** Claims `(job, claimKey)` for a new run, taking over a holder whose lease has expired (unless `inspectHolder` is false). */
export function claimRun(t: MemoryTables, request: ClaimRequest): ClaimResult {
  if (t.runs.has(request.id)) {
    throw new StoreError(
      'claimRun',
      `A run with id "${request.id}" already exists. Generate ids with crypto.randomUUID().`,
    );
  }
  const now = nowOf(t);
  const keys = t.claims.get(request.job) ?? new Map<string, string>();
  t.claims.set(request.job, keys);
  const holderId = keys.get(request.claimKey);
  const holder = holderId === undefined ? undefined : t.runs.get(holderId);
  let abandoned: RunRecord | undefined;
  if (holder) {
    if (request.inspectHolder === false) return { claimed: false };
    if (!isExpired(holder, now)) return { claimed: false, holder: { id: holder.id, status: holder.status } };
    abandoned = abandon(t, holder, now);
  }
  const run = newRun(request, now);
  t.runs.set(run.id, run);
  if (run.status === 'running') t.running.set(run.id, run);
  keys.set(run.claimKey, run.id);
  if (abandoned) runChanged(t, abandoned);
  runChanged(t, run);
  return abandoned ? { claimed: true, run: cloneRun(run), abandoned } : { claimed: true, run: cloneRun(run) };
}

/** Marks every running run whose lease has expired `abandoned`; says when the next lease expires. */
export function reapExpiredRuns(t: MemoryTables): ReapResult {
  const now = nowOf(t);
  const abandoned: RunRecord[] = [];
  let nextMs = Number.POSITIVE_INFINITY;
  for (const run of [...t.running.values()]) {
    if (isExpired(run, now)) {
      const record = abandon(t, run, now);
      abandoned.push(record);
      runChanged(t, record);
    } else if (run.leaseExpiresAt) nextMs = Math.min(nextMs, run.leaseExpiresAt.getTime());
  }
  return { abandoned, nextLeaseExpiresAt: Number.isFinite(nextMs) ? new Date(nextMs) : undefined };
}

function isExpired(run: RunRecord, now: Date): boolean {
  return run.status === 'running' && run.leaseExpiresAt !== undefined && run.leaseExpiresAt.getTime() <= now.getTime();
}

/** Marks an expired running run `abandoned`, frees its claim key, returns a copy. */
function abandon(t: MemoryTables, run: RunRecord, now: Date): RunRecord {
  run.status = 'abandoned';
  t.running.delete(run.id);
  run.reason = LEASE_EXPIRED_REASON;
  run.finishedAt = now;
  releaseClaim(t, run);
  return cloneRun(run);
}

function newRun(request: ClaimRequest, now: Date): RunRecord {
  const status = request.status ?? 'running';
  const run: RunRecord = {
    id: request.id,
    job: request.job,
    scheduledFor: new Date(request.scheduledFor),
    claimKey: request.claimKey,
    trigger: request.trigger,
    status,
    attempts: [],
    createdAt: now,
    instanceId: request.instanceId,
  };
  if (request.reason !== undefined) run.reason = request.reason;
  if (status === 'running') {
    run.leaseExpiresAt = new Date(now.getTime() + request.leaseMs);
    run.heartbeatAt = now;
  } else {
    run.finishedAt = now;
  }
  return run;
}
