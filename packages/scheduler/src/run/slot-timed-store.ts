import type { RunRecord, Store } from '../store/types.js';

/**
 * The store as the alert and circuit breaker hooks see it: a scheduled run claimed
 * ahead of its slot (the engine's pre-claim lead) reads as created at its slot while
 * it runs, so rules measuring "since it started" (a stale heartbeat) count from the
 * slot, as they would without the lead. Everything else passes through unchanged.
 *
 * @internal
 */
export function slotTimedStore(store: Store): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'listRunning') {
        return async (job?: string): Promise<RunRecord[]> => (await target.listRunning(job)).map(createdAtSlot);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function createdAtSlot(run: RunRecord): RunRecord {
  if (run.trigger !== 'schedule' || run.createdAt.getTime() >= run.scheduledFor.getTime()) return run;
  return { ...run, createdAt: new Date(run.scheduledFor.getTime()) };
}
