/**
 * The eight Pokémon jobs, wired from the runner's configuration. The only
 * file that knows `createPokemonJobs`' configuration shape.
 */
import type { JobDefinition, Logger, Notifier, Store } from '@pokemon/scheduler';
import type { RunnerConfig } from './config.js';

/** The jobs and what they hold open. */
export interface PokemonJobs {
  /** The job definitions, for `createScheduler`. */
  jobs: readonly JobDefinition[];
  /** Closes the catalogue and primary connections the jobs opened. */
  close(): Promise<void>;
}

/** Services the jobs need beyond configuration. */
export interface PokemonJobsDeps {
  /** The scheduler store (cleanup-stale-data prunes its history). */
  store: Store;
  /** Where the jobs log (each run also has `ctx.logger`). */
  logger: Logger;
  /** Where health and integrity findings are sent. */
  notifier: Notifier;
}

/**
 * Builds the eight jobs from the runner's configuration. The package is loaded
 * here, so a runner embedding its own jobs never loads it.
 */
export async function buildPokemonJobs(config: RunnerConfig, deps: PokemonJobsDeps): Promise<PokemonJobs> {
  const { createPokemonJobs } = await import('@pokemon/jobs-pokemon');
  const pokemon = createPokemonJobs({
    catalogPath: config.catalogPath,
    source: config.source,
    primaryDatabaseUrl: config.primaryDatabaseUrl,
    backupDir: config.backupDir,
    backupRetention: config.backupRetention,
    historyRetentionDays: config.historyRetentionDays,
    store: deps.store,
    logger: deps.logger,
    notifier: deps.notifier,
  });
  return { jobs: pokemon.jobs, close: () => pokemon.close() };
}
