import { InvalidOptionError } from '../core/errors.js';
import type { ExternalJobSource, ExternalJobsHost, ExternalJobsPlan } from '../job/external-jobs.js';
import type { JobEntry } from '../run/runtime.js';
import type { Store } from '../store/types.js';

/**
 * The scheduler's sources of externally run jobs (`externalJobs`): started after the store is
 * reconciled, stopped after the runs drained, asked for their plan, told of operator changes.
 *
 * @internal
 */
export class ExternalSources {
  readonly #sources: readonly ExternalJobSource[];
  readonly #host: ExternalJobsHost;
  #started: ExternalJobSource[] = [];

  constructor(
    options: Pick<ExternalJobsHost, 'store' | 'clock' | 'logger' | 'instanceId'> & {
      externalJobs: readonly ExternalJobSource[];
    },
    nowMs: () => number,
    reportError: ExternalJobsHost['reportError'],
    runRecorded: ExternalJobsHost['runRecorded'],
  ) {
    this.#sources = options.externalJobs;
    const { store, clock, logger, instanceId } = options;
    this.#host = { store, clock, logger, instanceId, nowMs, reportError, runRecorded };
  }

  /** What each source would change (dry run). */
  plan(store: Store): Promise<ExternalJobsPlan[]> {
    return Promise.all(this.#sources.map((source) => source.plan(store)));
  }

  /** Starts every source, in order; what each changed. */
  async start(signal?: AbortSignal): Promise<ExternalJobsPlan[]> {
    const plans: ExternalJobsPlan[] = [];
    for (const source of this.#sources) {
      signal?.throwIfAborted();
      this.#started.push(source);
      plans.push(await source.start(this.#host, signal));
    }
    return plans;
  }

  /** An operator changed `entry`'s state: its source applies it now (no-op for the scheduler's own jobs). */
  async sync(entry: JobEntry): Promise<void> {
    const source = this.#sources.find((candidate) => candidate.name === entry.runsIn);
    if (source && this.#started.includes(source)) await source.sync();
  }

  /** Stops the started sources. */
  async stop(): Promise<void> {
    const started = this.#started;
    this.#started = [];
    await Promise.allSettled(started.map((source) => source.stop()));
  }
}

/** Refuses `trigger`/`backfill` of a job another system runs. @internal */
export function assertRunsHere(entry: JobEntry, where: string): void {
  if (entry.runsIn === undefined) return;
  throw new InvalidOptionError(
    `${where}("${entry.def.name}"): this job runs in ${entry.runsIn}, not in the scheduler, so it cannot be started from here. Run its command in ${entry.runsIn} instead; its runs are recorded in history all the same.`,
    { component: where, option: 'name' },
  );
}
