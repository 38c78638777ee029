/**
 * A store wrapper that reports the progress jobs send through
 * `ctx.heartbeat(progress)` as it is written, so a terminal progress bar can
 * follow a job whose work never yields to timers (synchronous SQLite batches).
 */
import type { Store } from '@pokemon/scheduler';

/** Receives a run's progress. */
export type ProgressListener = (runId: string, progress: unknown) => void;

/** A store that calls `listener` after each heartbeat carrying progress; everything else is the store's. */
export function withProgressListener(store: Store, listener: ProgressListener): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'heartbeat') {
        return async (runId: string, instanceId: string, leaseMs: number, progress?: unknown): Promise<boolean> => {
          const owned = await target.heartbeat(runId, instanceId, leaseMs, progress);
          if (progress !== undefined) listener(runId, progress);
          return owned;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
