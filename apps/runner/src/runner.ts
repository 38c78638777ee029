/**
 * `createRunner`: configuration in, a wired scheduler out (store, jobs,
 * notifier, logger). Every command and the daemon go through it.
 */
import { hostname } from 'node:os';
import { createScheduler, type JobDefinition, type Scheduler, type Store } from '@pokemon/scheduler';
import type { PgCronJobs } from '@pokemon/scheduler/pg-cron';
import type { RunnerConfig } from './config.js';
import { type PinoLogger, toLibraryLogger } from './logging.js';
import { createNotifier } from './notifier.js';
import { createObservers } from './observers.js';
import { type PgCronWiring, wirePgCron } from './pg-cron.js';
import { buildPokemonJobs } from './pokemon.js';
import { openStore } from './store.js';
import { STORE_POLL_MS } from './store-poll.js';

/** Options of {@link createRunner}. */
export interface CreateRunnerOptions {
  /** The runner's logger; the scheduler and the jobs write through it. */
  logger: PinoLogger;
  /**
   * Jobs to run instead of the eight Pokémon jobs (to run your own jobs with
   * the runner's configuration, daemon and HTTP server).
   */
  jobs?: readonly JobDefinition[];
  /** Use this store instead of opening the one `config.store` names; it is not closed by the runner. */
  store?: Store;
}

/** A wired runner: the pieces every command needs. Close it when done. */
export interface Runner extends AsyncDisposable {
  /** The effective configuration. */
  readonly config: RunnerConfig;
  /** The scheduler store, initialised (migrated). */
  readonly store: Store;
  /** The registered jobs: the scheduler's own, then the pg_cron jobs (run by the primary). */
  readonly jobs: readonly JobDefinition[];
  /** Why the pg_cron jobs are off (one line for `plan` and `list`), or `undefined` when they run. */
  readonly pgCronNote: string | undefined;
  /** The pg_cron source, when the primary has pg_cron (readiness asks it about the launcher). */
  readonly pgCron: PgCronJobs | undefined;
  /** The scheduler over them (not started). */
  readonly scheduler: Scheduler;
  /** The runner's logger. */
  readonly logger: PinoLogger;
  /** The job with this name, or `undefined`. */
  job(name: string): JobDefinition | undefined;
  /** Stops the scheduler (gracefully, if started), then closes the jobs' connections and the store. Idempotent. */
  close(): Promise<void>;
}

/** The default instance id: host name and process id, readable in history. */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}`;
}

/**
 * Builds a runner from configuration: opens and migrates the store, builds the
 * notifier, the run observers (OpenTelemetry, outside monitors) and the jobs, and creates
 * (without starting) the scheduler.
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * await using runner = await createRunner(config, { logger: createLogger(config, { isTTY: false }) });
 * const run = await runner.scheduler.trigger('sync-missing-sets');
 * ```
 */
export async function createRunner(config: RunnerConfig, options: CreateRunnerOptions): Promise<Runner> {
  const libraryLogger = toLibraryLogger(options.logger);
  const store = options.store ?? (await openStore(config.store));
  const cleanup: (() => Promise<void>)[] = options.store ? [] : [() => store.close()];
  try {
    await store.init();
    const notifier = await createNotifier(config, libraryLogger);
    const observed = await createObservers(config, libraryLogger);
    cleanup.push(() => observed.close());
    let jobs = options.jobs;
    let pgCron: PgCronWiring | undefined;
    if (jobs === undefined) {
      jobs = await buildPokemonJobs(config, { store, logger: libraryLogger, notifier });
      pgCron = await wirePgCron(config);
    }
    const source = pgCron?.source;
    if (source) cleanup.push(() => source.stop());
    const scheduler = createScheduler({
      jobs,
      externalJobs: source ? [source] : [],
      store,
      timezone: config.timezone,
      maxConcurrency: config.maxConcurrency,
      logger: libraryLogger,
      notifier,
      observers: observed.observers,
      instanceId: config.instanceId ?? defaultInstanceId(),
      shutdownGraceMs: config.shutdownGraceMs,
      pollIntervalMs: STORE_POLL_MS,
    });
    const all = [...jobs, ...(source?.jobs ?? [])];
    return assembleRunner(config, options.logger, store, all, scheduler, cleanup, pgCron);
  } catch (error) {
    await closeAll(cleanup);
    throw error;
  }
}

async function closeAll(steps: readonly (() => Promise<void>)[]): Promise<void> {
  for (const step of steps) await step().catch(() => {});
}

function assembleRunner(
  config: RunnerConfig,
  logger: PinoLogger,
  store: Store,
  jobs: readonly JobDefinition[],
  scheduler: Scheduler,
  cleanup: (() => Promise<void>)[],
  pgCron: PgCronWiring | undefined,
): Runner {
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await scheduler.stop();
      await closeAll(cleanup);
    })();
    return closing;
  };
  const byName = new Map(jobs.map((job) => [job.name, job]));
  return {
    config,
    store,
    jobs,
    scheduler,
    logger,
    pgCronNote: pgCron?.note,
    pgCron: pgCron?.source,
    job: (name) => byName.get(name),
    close,
    [Symbol.asyncDispose]: close,
  };
}
