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
  /** Whether any observer follows the run (else every call is a no-op). */
  readonly followed: boolean;
  attemptStarted(attempt: ObservedAttempt): AttemptHooks;
  ended(record: RunRecord): void;
}

const NO_ATTEMPT: AttemptHooks = { wrap: (fn) => fn(), ended: () => undefined };
const NO_RUN: RunHooks = { followed: false, attemptStarted: () => NO_ATTEMPT, ended: () => undefined };

/** The job as observers see it (its effective schedule and zone). @internal */
export function observedJob(entry: JobEntry): ObservedJob {
  return { definition: entry.def, schedule: entry.expression, timezone: entry.timezone };
}

type Report = (observer: RunObserver, method: string, error: unknown) => void;

/**
 * The scheduler's {@link RunObserver}s behind one object: each call goes to every observer, and
 * an observer that throws is logged and skipped, so it can never fail or stop a run. Without
 * observers every call is a no-op on shared objects (nothing allocated per run). Loops with
 * inline `try` rather than closures: this is on every run's path.
 *
 * @internal
 */
export class RunObservers {
  readonly #list: readonly RunObserver[];
  /** Whether any observer captures a context (else `capture()` allocates nothing). */
  readonly #captures: boolean;
  /** The observers with a `runRecorded` (else `recorded()` allocates nothing). */
  readonly #recorders: readonly RunObserver[];
  readonly #report: Report;

  constructor(list: readonly RunObserver[], logger: Logger) {
    this.#list = list;
    this.#captures = list.some((observer) => observer.captureContext);
    this.#recorders = list.filter((observer) => observer.runRecorded);
    this.#report = (observer, method, error) =>
      logger.error('Run observer threw; the run carries on without it', {
        observer: observer.name ?? 'observer',
        method,
        error,
      });
  }

  /** One context per observer, captured by `trigger()`/`backfill()` before they await anything. */
  capture(): unknown[] | undefined {
    const list = this.#list;
    if (!this.#captures) return undefined;
    const contexts: unknown[] = new Array(list.length);
    for (let index = 0; index < list.length; index++) {
      const observer = list[index]!;
      try {
        contexts[index] = observer.captureContext?.();
      } catch (error) {
        this.#report(observer, 'captureContext', error);
      }
    }
    return contexts;
  }

  /** A run was claimed by this instance. */
  held(run: ObservedRun, parents: readonly unknown[] | undefined): RunHooks {
    const list = this.#list;
    const observations: Observed<RunObservation>[] = [];
    for (let index = 0; index < list.length; index++) {
      const observer = list[index]!;
      if (!observer.runHeld) continue;
      try {
        const observation = observer.runHeld(run, parents?.[index]);
        if (observation) observations.push({ observer, observation });
      } catch (error) {
        this.#report(observer, 'runHeld', error);
      }
    }
    return observations.length > 0 ? new HeldRun(observations, this.#report) : NO_RUN;
  }

  /** A final record this instance wrote (or a run it marked abandoned), of a job among `jobs`. */
  recorded(record: RunRecord, jobs: ReadonlyMap<string, JobEntry>): void {
    const entry = this.#recorders.length > 0 ? jobs.get(record.job) : undefined;
    if (!entry) return;
    const job = observedJob(entry);
    for (const observer of this.#recorders) {
      try {
        observer.runRecorded?.(record, job);
      } catch (error) {
        this.#report(observer, 'runRecorded', error);
      }
    }
  }
}

interface Observed<T> {
  readonly observer: RunObserver;
  readonly observation: T;
}

/** The observations of one held run. */
class HeldRun implements RunHooks {
  readonly followed = true;
  readonly #observations: readonly Observed<RunObservation>[];
  readonly #report: Report;

  constructor(observations: readonly Observed<RunObservation>[], report: Report) {
    this.#observations = observations;
    this.#report = report;
  }

  attemptStarted(attempt: ObservedAttempt): AttemptHooks {
    const attempts: Observed<AttemptObservation>[] = [];
    for (const { observer, observation } of this.#observations) {
      if (!observation.attemptStarted) continue;
      try {
        const started = observation.attemptStarted(attempt);
        if (started) attempts.push({ observer, observation: started });
      } catch (error) {
        this.#report(observer, 'attemptStarted', error);
      }
    }
    return attempts.length > 0 ? new HeldAttempt(attempts, this.#report) : NO_ATTEMPT;
  }

  ended(record: RunRecord): void {
    for (const { observer, observation } of this.#observations) {
      try {
        observation.runEnded?.(record);
      } catch (error) {
        this.#report(observer, 'runEnded', error);
      }
    }
  }
}

/** The observations of one attempt. */
class HeldAttempt implements AttemptHooks {
  readonly #attempts: readonly Observed<AttemptObservation>[];
  readonly #report: Report;

  constructor(attempts: readonly Observed<AttemptObservation>[], report: Report) {
    this.#attempts = attempts;
    this.#report = report;
  }

  /** Each observer's `wrap` around the next, the job's code innermost. */
  wrap<T>(fn: () => T): T {
    return this.#wrapFrom(0, fn);
  }

  ended(record: RunAttempt): void {
    for (const { observer, observation } of this.#attempts) {
      try {
        observation.attemptEnded?.(record);
      } catch (error) {
        this.#report(observer, 'attemptEnded', error);
      }
    }
  }

  /** The wrap of observer `index` around the rest; a wrap that fails before calling its `fn` is skipped. */
  #wrapFrom<T>(index: number, fn: () => T): T {
    const current = this.#attempts[index];
    if (!current) return fn();
    const inner = (): T => this.#wrapFrom(index + 1, fn);
    const wrap = current.observation.wrap;
    if (!wrap) return inner();
    let called = false;
    try {
      return wrap.call<AttemptObservation, [() => T], T>(current.observation, () => {
        called = true;
        return inner();
      });
    } catch (error) {
      if (called) throw error;
      this.#report(current.observer, 'wrap', error);
      return inner();
    }
  }
}
