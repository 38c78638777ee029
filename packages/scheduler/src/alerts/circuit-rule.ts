import type { CircuitTransition } from '../policy/circuit-breaker.js';
import type { CircuitState } from '../store/types.js';
import type { JobAlertState } from './alert-state.js';
import { type MonitorContext, raise } from './monitor-context.js';

/**
 * Raises the `circuit` incident of `job` for a transition to open (`opened`, or `reopened` after
 * a failed probe), saying until when its slots are skipped. Mutates `state` (the caller saves it).
 * @internal
 */
export function raiseCircuitOpen(
  ctx: MonitorContext,
  job: string,
  state: JobAlertState,
  change: { transition: CircuitTransition; circuit: CircuitState; cooldownMs: number | undefined },
  nowMs: number,
): void {
  const { transition, circuit, cooldownMs } = change;
  const until =
    cooldownMs !== undefined && circuit.openedAt ? new Date(circuit.openedAt.getTime() + cooldownMs) : undefined;
  const title =
    transition === 'opened'
      ? `${job}: circuit opened after ${circuit.consecutiveFailures} consecutive failures`
      : `${job}: probe run failed, circuit re-opened`;
  const text = `Its slots are recorded skipped (circuit-open)${until ? ` until ${until.toISOString()}` : ''}, then one probe run decides.`;
  raise(
    ctx,
    job,
    state,
    'circuit',
    {
      kind: 'circuit-open',
      severity: 'critical',
      content: {
        title,
        text,
        status: `circuit ${circuit.state}`,
        fields: { 'consecutive failures': String(circuit.consecutiveFailures) },
      },
    },
    nowMs,
  );
}
