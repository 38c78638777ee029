/** JSON columns shared by the SQL stores: a run's attempts and a job's circuit state. */
import type { SerializedError } from '../core/serialized-error.js';
import type { CircuitState, RunAttempt } from './types.js';

/** An attempt as kept in the `attempts` JSON array. */
interface StoredAttempt {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  status: RunAttempt['status'];
  error?: SerializedError;
  killed?: true;
}

/** Serialises an attempt for the `attempts` JSON array. */
export function attemptJson(attempt: RunAttempt): string {
  const stored: StoredAttempt = {
    attempt: attempt.attempt,
    startedAt: attempt.startedAt.toISOString(),
    finishedAt: attempt.finishedAt.toISOString(),
    status: attempt.status,
  };
  if (attempt.error !== undefined) stored.error = attempt.error;
  if (attempt.killed) stored.killed = true;
  return JSON.stringify(stored);
}

/** Parses the `attempts` JSON array. */
export function parseAttempts(json: string | unknown[]): RunAttempt[] {
  if (json === '[]') return [];
  const list = (typeof json === 'string' ? JSON.parse(json) : json) as StoredAttempt[];
  return list.map((stored) => {
    const attempt: RunAttempt = {
      attempt: stored.attempt,
      startedAt: new Date(stored.startedAt),
      finishedAt: new Date(stored.finishedAt),
      status: stored.status,
    };
    if (stored.error !== undefined) attempt.error = stored.error;
    if (stored.killed) attempt.killed = true;
    return attempt;
  });
}

/** Serialises a circuit state for its JSON column. */
export function circuitJson(circuit: CircuitState): string {
  return JSON.stringify({
    state: circuit.state,
    consecutiveFailures: circuit.consecutiveFailures,
    ...(circuit.openedAt ? { openedAt: circuit.openedAt.toISOString() } : {}),
  });
}

/** Parses a circuit state's JSON column. */
export function parseCircuit(json: string | object): CircuitState {
  const stored = (typeof json === 'string' ? JSON.parse(json) : json) as {
    state: CircuitState['state'];
    consecutiveFailures: number;
    openedAt?: string;
  };
  const circuit: CircuitState = { state: stored.state, consecutiveFailures: stored.consecutiveFailures };
  if (stored.openedAt !== undefined) circuit.openedAt = new Date(stored.openedAt);
  return circuit;
}
