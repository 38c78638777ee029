import type { TimerHandle } from '../core/clock.js';
import { JobCancelledError } from '../core/errors.js';
import type { Runtime } from './runtime.js';

/** Renews a run's lease; aborts it when the lease is lost. @internal */
interface LeaseKeeper {
  /** Renews now, storing `progress`. */
  heartbeat(progress?: unknown): Promise<void>;
  /** Stops renewing. */
  stop(): void;
}

/**
 * Renews the lease of a claimed run every `leaseMs / 3` while it is queued or
 * running. When the store says the run is no longer ours (another instance
 * took it over after our lease expired), the run's controller is aborted with
 * `JobCancelledError('lease-lost')`. A failing store is reported and retried
 * at the next beat; the lease then expires on its own if the store stays down.
 *
 * @internal
 */
export function startLeaseKeeper(rt: Runtime, runId: string, controller: AbortController): LeaseKeeper {
  const intervalMs = Math.max(1, Math.floor(rt.leaseMs / 3));
  let handle: TimerHandle | undefined;
  let stopped = false;

  const beat = async (progress?: unknown): Promise<void> => {
    if (stopped) return;
    try {
      const owned = await rt.store.heartbeat(runId, rt.instanceId, rt.leaseMs, progress);
      if (!owned && !stopped && !controller.signal.aborted) {
        rt.logger.warn('Lease lost: another instance took this run over; aborting it', { runId });
        controller.abort(new JobCancelledError('lease-lost', `Run ${runId} lost its lease to another instance.`));
      }
    } catch (error) {
      rt.reportError('heartbeat', error, intervalMs);
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    handle = rt.clock.setTimeout(() => {
      handle = undefined;
      void beat().finally(schedule);
    }, intervalMs);
    handle.unref?.();
  };
  schedule();
  return {
    heartbeat: (progress) => beat(progress),
    stop: () => {
      stopped = true;
      if (handle !== undefined) rt.clock.clearTimeout(handle);
      handle = undefined;
    },
  };
}
