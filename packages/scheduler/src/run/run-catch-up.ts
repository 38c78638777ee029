import { sleep } from '../core/capped-timer.js';
import { planCatchUp } from '../policy/catch-up.js';
import { recordNotRun } from './claim-slot.js';
import { runSlot } from './run-slot.js';
import type { JobEntry, Runtime } from './runtime.js';
import { slotRequest } from './slot-request.js';

/**
 * Applies a job's catch-up policy to a gap of missed slots: records the
 * `missed` ones (oldest first; reason `outside-catch-up-window` or
 * `catch-up-<policy>`), then runs the chosen ones one after the other
 * (trigger `catch-up`), `spacingMs` apart. Stops quietly when `stopSignal` aborts.
 *
 * @internal
 */
export async function runCatchUp(
  rt: Runtime,
  entry: JobEntry,
  gap: { afterMs: number; upToMs: number; nowMs: number },
  stopSignal: AbortSignal,
): Promise<void> {
  const policy = entry.def.catchUp;
  const plan = planCatchUp(entry.schedule, policy, gap);
  if (plan.truncated) {
    rt.logger.warn('More missed slots than recorded; only the newest are recorded', {
      job: entry.def.name,
      recorded: plan.missed.length,
    });
  }
  const windowStartMs = gap.nowMs - policy.windowMs;
  for (const slot of plan.missed) {
    const reason = slot.getTime() < windowStartMs ? 'outside-catch-up-window' : `catch-up-${policy.policy}`;
    await recordNotRun(rt, entry, slotRequest(slot, 'catch-up'), 'missed', reason);
  }
  for (const [i, slot] of plan.run.entries()) {
    if (stopSignal.aborted) return;
    if (i > 0 && policy.spacingMs > 0) {
      const stopped = await sleep(rt.clock, policy.spacingMs, { signal: stopSignal }).then(
        () => false,
        () => true,
      );
      if (stopped) return;
    }
    await runSlot(rt, entry, slotRequest(slot, 'catch-up'));
  }
}
