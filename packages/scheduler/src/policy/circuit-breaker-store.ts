import type { CircuitState, Store } from '../store/types.js';
import {
  beginProbe,
  type CircuitDecision,
  type CircuitOptions,
  type CircuitTransition,
  CLOSED_CIRCUIT,
  circuitAllows,
  circuitOutcome,
  nextCircuitState,
} from './circuit-breaker.js';

/**
 * Consults the circuit of `job` (kept in its store row) for a slot due at
 * `nowMs`. On `probe` the row is switched to `half-open` first, so further
 * slots are held back while the probe runs. The caller records `open` slots
 * `skipped` with reason `circuit-open`.
 *
 * @internal
 */
export async function gateCircuit(
  store: Store,
  job: string,
  options: CircuitOptions,
  nowMs: number,
): Promise<CircuitDecision> {
  const circuit = (await store.getJob(job))?.circuit ?? CLOSED_CIRCUIT;
  const decision = circuitAllows(circuit, nowMs, options);
  if (decision === 'probe') await store.updateJob(job, { circuit: beginProbe(circuit, nowMs) });
  return decision;
}

/**
 * Applies a finished run's status to the circuit of `job` and stores the new
 * state. Returns the transition (for an alert) and the new state, or
 * `undefined` when the status does not count (`cancelled`, `skipped`, `missed`).
 *
 * @internal
 */
export async function recordCircuitOutcome(
  store: Store,
  job: string,
  options: CircuitOptions,
  status: string,
  nowMs: number,
): Promise<{ circuit: CircuitState; transition: CircuitTransition | undefined } | undefined> {
  const outcome = circuitOutcome(status);
  if (!outcome) return undefined;
  const current = (await store.getJob(job))?.circuit ?? CLOSED_CIRCUIT;
  const next = nextCircuitState(current, outcome, nowMs, options);
  if (!sameCircuit(current, next.state)) await store.updateJob(job, { circuit: next.state });
  return { circuit: next.state, transition: next.transition };
}

function sameCircuit(a: CircuitState, b: CircuitState): boolean {
  return (
    a.state === b.state &&
    a.consecutiveFailures === b.consecutiveFailures &&
    a.openedAt?.getTime() === b.openedAt?.getTime()
  );
}
