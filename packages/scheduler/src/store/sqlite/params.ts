import { type RunsQueryShape, runsQueryFilter } from '../runs-query.js';
import type { ClaimRequest, JobSpec, RunQuery } from '../types.js';

/** Named parameters of a better-sqlite3 statement. */
export type Params = Record<string, unknown>;

/** A history query as a statement shape and its parameters (`undefined`: an empty filter list, no rows). */
interface RunsQueryPlan {
  shape: RunsQueryShape;
  params: Params;
  limit: number;
}

/** Chooses the statement shape and parameters of a {@link RunQuery}. */
export function runsQueryPlan(query: RunQuery): RunsQueryPlan | undefined {
  const filter = runsQueryFilter(query);
  if (!filter) return undefined;
  const { shape, limit, statuses, triggers, cursor } = filter;
  const params: Params = { limit: limit + 1 };
  if (query.job !== undefined) params.job = query.job;
  if (statuses)
    Object.assign(params, statuses.length === 1 ? { status: statuses[0] } : { statuses: JSON.stringify(statuses) });
  if (triggers)
    Object.assign(params, triggers.length === 1 ? { trigger: triggers[0] } : { triggers: JSON.stringify(triggers) });
  if (query.from) params.from = query.from.getTime();
  if (query.to) params.to = query.to.getTime();
  if (cursor) Object.assign(params, { cursorSlot: cursor.scheduledForMs, cursorId: cursor.id });
  return { shape, params, limit };
}

/** Parameters of a job's spec columns. */
export function specParams(spec: JobSpec): Params {
  return {
    name: spec.name,
    schedule: spec.schedule,
    timezone: spec.timezone,
    description: spec.description ?? null,
    dependsOn: JSON.stringify(spec.dependsOn ?? []),
  };
}

/** Parameters of the claim insert; lease and heartbeat only for `running` claims. */
export function claimParams(request: ClaimRequest, now: number): Params {
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
