import { describe, expect, it } from 'vitest';
import type { CircuitState } from '../src/index.js';
import { beginProbe, circuitAllows, nextCircuitState } from '../src/policy/circuit-breaker.js';
import { HOUR, MINUTE } from '../src/testing.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const options = { failureThreshold: 3, cooldownMs: HOUR };
const closed: CircuitState = { state: 'closed', consecutiveFailures: 0 };

describe('circuit breaker (pure functions)', () => {
  it('counts failures while closed and opens at the threshold', () => {
    let state = closed;
    const transitions: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const next = nextCircuitState(state, 'failure', T0 + i * MINUTE, options);
      transitions.push(next.transition);
      state = next.state;
    }
    expect(transitions).toEqual([undefined, undefined, 'opened']);
    expect(state).toEqual({ state: 'open', openedAt: new Date(T0 + 2 * MINUTE), consecutiveFailures: 3 });
  });

  it('a success while closed resets the count without a transition', () => {
    const next = nextCircuitState({ state: 'closed', consecutiveFailures: 2 }, 'success', T0, options);
    expect(next).toEqual({ state: { state: 'closed', consecutiveFailures: 0 }, transition: undefined });
  });

  it('stays open until the cooldown, then allows one probe', () => {
    const open: CircuitState = { state: 'open', openedAt: new Date(T0), consecutiveFailures: 3 };
    expect(circuitAllows(closed, T0, options)).toBe('closed');
    expect(circuitAllows(open, T0 + HOUR - 1, options)).toBe('open');
    expect(circuitAllows(open, T0 + HOUR, options)).toBe('probe');
    const probing = beginProbe(open, T0 + HOUR);
    expect(probing).toEqual({ state: 'half-open', openedAt: new Date(T0 + HOUR), consecutiveFailures: 3 });
    // While the probe runs, further slots are held back...
    expect(circuitAllows(probing, T0 + HOUR + 15 * MINUTE, options)).toBe('open');
    // ...unless the probe has been silent for a whole cooldown (its instance died).
    expect(circuitAllows(probing, T0 + 2 * HOUR, options)).toBe('probe');
  });

  it('the probe decides: success closes, failure re-opens for another cooldown', () => {
    const probing: CircuitState = { state: 'half-open', openedAt: new Date(T0), consecutiveFailures: 3 };
    expect(nextCircuitState(probing, 'success', T0 + MINUTE, options)).toEqual({
      state: { state: 'closed', consecutiveFailures: 0 },
      transition: 'closed',
    });
    const reopened = nextCircuitState(probing, 'failure', T0 + MINUTE, options);
    expect(reopened).toEqual({
      state: { state: 'open', openedAt: new Date(T0 + MINUTE), consecutiveFailures: 4 },
      transition: 'reopened',
    });
    expect(circuitAllows(reopened.state, T0 + MINUTE + HOUR - 1, options)).toBe('open');
  });
});
