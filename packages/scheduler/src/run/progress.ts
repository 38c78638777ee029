import type { RunRecord } from '../store/types.js';
import type { Runtime } from './runtime.js';

/**
 * The `ctx.heartbeat` a job sees: emits `run:progress-reported` at once when it carries a progress
 * value, then renews the lease and stores the progress through `heartbeat`.
 *
 * @internal
 */
export function progressHeartbeat(
  rt: Runtime,
  run: RunRecord,
  attempt: number,
  heartbeat: (progress?: unknown) => Promise<void>,
): (progress?: unknown) => Promise<void> {
  return (progress) => {
    if (progress !== undefined) {
      rt.emitter.emit('run:progress-reported', {
        job: run.job,
        runId: run.id,
        scheduledFor: run.scheduledFor,
        trigger: run.trigger,
        attempt,
        progress,
        at: new Date(rt.nowMs()),
      });
    }
    return heartbeat(progress);
  };
}
