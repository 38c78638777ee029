import type { CircuitState } from '../store/types.js';

/** Normalised circuit breaker options (as in `JobDefinition.circuitBreaker`). */
export interface CircuitOptions {
  /** Consecutive failed runs that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one probe run, ms. */
  readonly cooldownMs: number;
}

/**
 * What the circuit says about a due slot:
 * - `closed`: run it normally;
 * - `probe`: the cooldown has passed: run it as the one probe (call {@link beginProbe} first);
 * - `open`: do not run it; record it `skipped` with reason `circuit-open`.
 */
export type CircuitDecision = 'closed' | 'probe' | 'open';

/**
 * A change of circuit state worth an alert: `opened` (threshold reached),
 * `reopened` (the probe failed), `closed` (a run succeeded while open or probing).
 */
export type CircuitTransition = 'opened' | 'reopened' | 'closed';

/** The state of a job that never failed. */
export const CLOSED_CIRCUIT: CircuitState = Object.freeze({ state: 'closed', consecutiveFailures: 0 }) as CircuitState;

/**
 * Decides whether a slot due at `nowMs` may run. Pure.
 *
 * @remarks
 * `half-open` means a probe is in flight (its start is `openedAt`): further
 * slots are held back, unless the probe has been silent for a whole cooldown
 * (its owner died), in which case another probe is allowed.
 */
export function circuitAllows(state: CircuitState, nowMs: number, options: CircuitOptions): CircuitDecision {
  if (state.state === 'closed') return 'closed';
  const since = state.openedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return nowMs - since >= options.cooldownMs ? 'probe' : 'open';
}

/** The state to store when the probe run starts (`half-open`, probe start in `openedAt`). Pure. */
export function beginProbe(state: CircuitState, nowMs: number): CircuitState {
  return { state: 'half-open', openedAt: new Date(nowMs), consecutiveFailures: state.consecutiveFailures };
}

/**
 * The circuit after a run's outcome, and the transition it made (if any). Pure.
 *
 * - success: closes the circuit (`closed` transition when it was open or probing) and resets the count;
 * - failure while closed: counts it, opening at `failureThreshold` (`opened`);
 * - failure while open or probing: re-opens for another cooldown (`reopened`).
 */
export function nextCircuitState(
  state: CircuitState,
  outcome: 'success' | 'failure',
  nowMs: number,
  options: CircuitOptions,
): { state: CircuitState; transition: CircuitTransition | undefined } {
  if (outcome === 'success') {
    return {
      state: { state: 'closed', consecutiveFailures: 0 },
      transition: state.state === 'closed' ? undefined : 'closed',
    };
  }
  const failures = state.consecutiveFailures + 1;
  if (state.state !== 'closed') {
    return {
      state: { state: 'open', openedAt: new Date(nowMs), consecutiveFailures: failures },
      transition: 'reopened',
    };
  }
  if (failures >= options.failureThreshold) {
    return { state: { state: 'open', openedAt: new Date(nowMs), consecutiveFailures: failures }, transition: 'opened' };
  }
  return { state: { state: 'closed', consecutiveFailures: failures }, transition: undefined };
}

/** Whether a final run status counts for the circuit, and how: `cancelled`, `skipped`, `missed` do not count. */
export function circuitOutcome(status: string): 'success' | 'failure' | undefined {
  if (status === 'succeeded') return 'success';
  if (status === 'failed' || status === 'timed_out' || status === 'abandoned') return 'failure';
  return undefined;
}
