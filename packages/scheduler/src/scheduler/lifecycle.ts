import { SchedulerError } from '../core/errors.js';

/**
 * Where a scheduler is in its life. `created` → `starting` (`start()` called) → `running`
 * (started: the wake loop runs); `stop()` from any state → `stopping` → `stopped`.
 * A start that failed stays `starting`: `start()` is not called twice.
 *
 * @internal
 */
export type SchedulerState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * The scheduler's state and its transitions, in one place. `live` (`starting` or `running`):
 * changes are applied to the heap and the loop is woken; `halted` (`stopping` or `stopped`):
 * nothing new is claimed.
 *
 * @internal
 */
export class Lifecycle {
  #state: SchedulerState = 'created';

  get state(): SchedulerState {
    return this.#state;
  }

  /** `start()` was called and `stop()` was not. */
  get live(): boolean {
    return this.#state === 'starting' || this.#state === 'running';
  }

  /** `stop()` began (set synchronously when it is called). */
  get halted(): boolean {
    return this.#state === 'stopping' || this.#state === 'stopped';
  }

  /** `created` → `starting`; throws a `SCHEDULER_STATE` error from any other state. */
  beginStart(): void {
    if (this.halted) throw stateError('start() after stop(): create a new scheduler.');
    if (this.#state !== 'created') throw stateError('start() was already called.');
    this.#state = 'starting';
  }

  /** `starting` → `running` (a stop that began meanwhile wins). */
  started(): void {
    if (this.#state === 'starting') this.#state = 'running';
  }

  /** Any state → `stopping`; false when `stop()` was already called. */
  beginStop(): boolean {
    if (this.halted) return false;
    this.#state = 'stopping';
    return true;
  }

  /** `stopping` → `stopped`. */
  stopped(): void {
    this.#state = 'stopped';
  }

  /** Throws when `stop()` began: `operation` would start a run. */
  assertNotHalted(operation: string): void {
    if (this.halted) throw stateError(`${operation}() after stop(): the scheduler no longer starts runs.`);
  }
}

function stateError(message: string): SchedulerError {
  return new SchedulerError('SCHEDULER_STATE', `Scheduler: ${message}`);
}
