import type { CircuitState, RunRecord, Store } from '../store/types.js';
import type { CircuitDecision, CircuitOptions, CircuitTransition } from './circuit-breaker.js';
import { gateCircuit, recordCircuitOutcome } from './circuit-breaker-store.js';

/** Options of {@link CircuitBreakers}. @internal */
interface CircuitBreakersOptions {
  store: Store;
  /** Circuit options of the jobs that have a breaker, by name. */
  jobs: ReadonlyMap<string, CircuitOptions>;
  /** Called after each transition was stored (emit an event, raise an alert). */
  onTransition(job: string, transition: CircuitTransition, circuit: CircuitState, options: CircuitOptions): void;
  /** Called when reading or writing the circuit failed. */
  onError(operation: string, error: unknown): void;
}

/**
 * The circuit breakers of a scheduler's jobs, over their store rows. Outcome
 * updates of one job are applied in order, and a gate waits for the pending
 * ones, so the slot after a failure sees the circuit that failure opened.
 * @internal
 */
export class CircuitBreakers {
  readonly #o: CircuitBreakersOptions;
  readonly #pending = new Map<string, Promise<void>>();

  constructor(options: CircuitBreakersOptions) {
    this.#o = options;
  }

  /** Whether `job` has a breaker. */
  has(job: string): boolean {
    return this.#o.jobs.has(job);
  }

  /** What the circuit says about a slot of `job` due at `nowMs`; `closed` for jobs without a breaker or on store errors. */
  async gate(job: string, nowMs: number): Promise<CircuitDecision> {
    const options = this.#o.jobs.get(job);
    if (!options) return 'closed';
    await this.#pending.get(job);
    try {
      return await gateCircuit(this.#o.store, job, options, nowMs);
    } catch (error) {
      this.#o.onError('circuit gate', error);
      return 'closed';
    }
  }

  /** Applies a final run to its job's circuit, in the background (in order per job). */
  record(run: RunRecord, nowMs: number): Promise<void> {
    const options = this.#o.jobs.get(run.job);
    if (!options) return Promise.resolve();
    const previous = this.#pending.get(run.job) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const change = await recordCircuitOutcome(this.#o.store, run.job, options, run.status, nowMs);
        if (change?.transition) this.#o.onTransition(run.job, change.transition, change.circuit, options);
      } catch (error) {
        this.#o.onError('circuit update', error);
      }
    });
    this.#pending.set(run.job, next);
    void next.finally(() => {
      if (this.#pending.get(run.job) === next) this.#pending.delete(run.job);
    });
    return next;
  }
}
