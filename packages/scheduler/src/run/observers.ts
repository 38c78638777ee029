import type { Logger } from '../core/logger.js';
import type { RunAttempt, RunRecord } from '../store/types.js';
import type {
  AttemptObservation,
  ObservedAttempt,
  ObservedJob,
  ObservedRun,
  RunObservation,
  RunObserver,
} from './observer.js';
import type { JobEntry } from './runtime.js';

/** What the run path calls for one attempt, over every observer. @internal */
export interface AttemptHooks {
  wrap<T>(fn: () => T): T;
  ended(attempt: RunAttempt): void;
}

/** What the run path calls for one held run, over every observer. @internal */
export interface RunHooks {
  attemptStarted(attempt: ObservedAttempt): AttemptHooks;
  ended(record: RunRecord): void;
}

const NO_ATTEMPT: AttemptHooks = { wrap: (fn) => fn(), ended: () => undefined };
const NO_RUN: RunHooks = { attemptStarted: () => NO_ATTEMPT, ended: () => undefined };

/** The job as observers see it (its effective schedule and zone). @internal */
export function observedJob(entry: JobEntry): ObservedJob {
  return { definition: entry.def, schedule: entry.expression, timezone: entry.timezone };
}

/**
 * The scheduler's {@link RunObserver}s behind one object: each call goes to every observer, and
 * an observer that throws is logged and skipped, so it can never fail or stop a run. Without
 * observers every call is a no-op on shared objects (nothing allocated per run).
 *
 * @internal
 */
export class RunObservers {
  readonly #list: readonly RunObserver[];
  readonly #logger: Logger;

  constructor(list: readonly RunObserver[], logger: Logger) {
    this.#list = list;
    this.#logger = logger;
  }

  /** One context per observer, captured by `trigger()`/`backfill()` before they await anything. */
  capture(): unknown[] | undefined {
    if (this.#list.length === 0) return undefined;
    return this.#list.map((observer) => this.#call(observer, 'captureContext', () => observer.captureContext?.()));
  }

  /** A run was claimed by this instance. */
  held(run: ObservedRun, parents: readonly unknown[] | undefined): RunHooks {
    if (this.#list.length === 0) return NO_RUN;
    const observations: [RunObserver, RunObservation][] = [];
    this.#list.forEach((observer, index) => {
      const observation = this.#call(observer, 'runHeld', () => observer.runHeld?.(run, parents?.[index]));
      if (observation) observations.push([observer, observation]);
    });
    return observations.length === 0 ? NO_RUN : this.#runHooks(observations);
  }

  /** A final record this instance wrote. */
  recorded(record: RunRecord, job: ObservedJob): void {
    for (const observer of this.#list) this.#call(observer, 'runRecorded', () => observer.runRecorded?.(record, job));
  }

  #runHooks(observations: readonly [RunObserver, RunObservation][]): RunHooks {
    return {
      attemptStarted: (attempt) => {
        const attempts: [RunObserver, AttemptObservation][] = [];
        for (const [observer, observation] of observations) {
          const started = this.#call(observer, 'attemptStarted', () => observation.attemptStarted?.(attempt));
          if (started) attempts.push([observer, started]);
        }
        return attempts.length === 0 ? NO_ATTEMPT : this.#attemptHooks(attempts);
      },
      ended: (record) => {
        for (const [observer, observation] of observations) {
          this.#call(observer, 'runEnded', () => observation.runEnded?.(record));
        }
      },
    };
  }

  #attemptHooks(attempts: readonly [RunObserver, AttemptObservation][]): AttemptHooks {
    return {
      wrap: <T>(fn: () => T): T =>
        attempts.reduceRight<() => T>(
          (inner, [observer, attempt]) =>
            () =>
              this.#wrap(observer, attempt, inner),
          fn,
        )(),
      ended: (record) => {
        for (const [observer, attempt] of attempts)
          this.#call(observer, 'attemptEnded', () => attempt.attemptEnded?.(record));
      },
    };
  }

  /** The observer's `wrap` around `fn`; when the wrap itself fails before calling `fn`, `fn` runs bare. */
  #wrap<T>(observer: RunObserver, attempt: AttemptObservation, fn: () => T): T {
    if (!attempt.wrap) return fn();
    let called = false;
    try {
      return attempt.wrap(() => {
        called = true;
        return fn();
      });
    } catch (error) {
      if (called) throw error;
      this.#report(observer, 'wrap', error);
      return fn();
    }
  }

  #call<T>(observer: RunObserver, method: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      this.#report(observer, method, error);
      return undefined;
    }
  }

  #report(observer: RunObserver, method: string, error: unknown): void {
    this.#logger.error('Run observer threw; the run carries on without it', {
      observer: observer.name ?? 'observer',
      method,
      error,
    });
  }
}
