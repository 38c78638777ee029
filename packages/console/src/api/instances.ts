/** The instances page: the instances the host reports (or those holding running runs), with their running runs. */
import type { ConsoleContext } from '../context.js';

/** Instances alive, this one first. */
export async function listInstances(ctx: ConsoleContext) {
  const [reported, all, now] = await Promise.all([
    ctx.instances?.() ?? Promise.resolve([]),
    ctx.store.listRunning(),
    ctx.store.now(),
  ]);
  // A run whose lease expired has a dead owner: it does not make its instance alive.
  const running = all.filter((run) => (run.leaseExpiresAt?.getTime() ?? 0) > now.getTime());
  const self = ctx.scheduler.instanceId;
  const ids = new Set([
    self,
    ...reported.map((instance) => instance.id),
    ...running.flatMap((run) => run.instanceId ?? []),
  ]);
  const byId = new Map(reported.map((instance) => [instance.id, instance]));
  return [...ids].map((id) => {
    const instance = byId.get(id);
    return {
      id,
      self: id === self,
      ...(instance?.lastSeenAt ? { lastSeenAt: instance.lastSeenAt.toISOString() } : {}),
      running: running.filter((run) => run.instanceId === id).length,
      ...(instance?.details ? { details: instance.details } : {}),
    };
  });
}
