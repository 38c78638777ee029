/**
 * The instances page: the scheduler's liveness record of every instance sharing the store
 * (`Scheduler.instances`), with what the host adds about each (`ConsoleOptions.instances`) and
 * their running runs.
 */
import type { ConsoleContext } from '../context.js';

/** Every instance known: this one first, then those the record or the host know, or that hold a running run. */
export async function listInstances(ctx: ConsoleContext) {
  const [recorded, reported, all, now] = await Promise.all([
    ctx.scheduler.instances(),
    ctx.instances?.() ?? Promise.resolve([]),
    ctx.store.listRunning(),
    ctx.store.now(),
  ]);
  // A run whose lease expired has a dead owner: it does not make its instance alive.
  const running = all.filter((run) => (run.leaseExpiresAt?.getTime() ?? 0) > now.getTime());
  const self = ctx.scheduler.instanceId;
  const ids = new Set([
    self,
    ...recorded.map((instance) => instance.id),
    ...reported.map((instance) => instance.id),
    ...running.flatMap((run) => run.instanceId ?? []),
  ]);
  const byRecord = new Map(recorded.map((instance) => [instance.id, instance]));
  const byHost = new Map(reported.map((instance) => [instance.id, instance]));
  return [...ids].map((id) => {
    const record = byRecord.get(id);
    const host = byHost.get(id);
    const lastSeenAt = record?.lastSeenAt ?? host?.lastSeenAt;
    const runs = running.filter((run) => run.instanceId === id).length;
    return {
      id,
      self: id === self,
      alive: record?.alive ?? (host !== undefined || runs > 0),
      ...(record ? { startedAt: record.startedAt.toISOString() } : {}),
      ...(lastSeenAt ? { lastSeenAt: lastSeenAt.toISOString() } : {}),
      ...(record?.stoppedAt ? { stoppedAt: record.stoppedAt.toISOString() } : {}),
      running: runs,
      ...(host?.details ? { details: host.details } : {}),
    };
  });
}
