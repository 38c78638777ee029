/**
 * The eight Pokémon jobs, wired from the runner's configuration. The only
 * file that knows `createPokemonJobs`' configuration shape.
 */
import type { CardSource, PokemonJobsConfig, PokemonWorkerConfig } from '@pokemon/jobs-pokemon';
import { type JobDefinition, type Logger, type Notifier, type Store, withCooldown } from '@pokemon/scheduler';
import type { RunnerConfig, SourceConfig } from './config.js';

/** Services the jobs need beyond configuration. */
interface PokemonJobsDeps {
  /** The scheduler store (cleanup-stale-data prunes its history). */
  store: Store;
  /** Where the jobs log outside a run (each run also has `ctx.logger`). */
  logger: Logger;
  /** Where health and integrity findings are sent (Slack when configured, the log always). */
  notifier: Notifier;
}

type PokemonModule = typeof import('@pokemon/jobs-pokemon');

function cardSource(pokemon: PokemonModule, source: SourceConfig): CardSource {
  if (source.kind === 'directory') return pokemon.directorySource(source.path);
  if (source.kind === 'api') {
    return pokemon.apiSource({
      baseUrl: source.url,
      ...(source.apiKey === undefined ? {} : { apiKey: source.apiKey }),
    });
  }
  return pokemon.bundledSource();
}

/** The package's configuration for the runner's. */
function pokemonJobsConfig(pokemon: PokemonModule, config: RunnerConfig, deps: PokemonJobsDeps): PokemonJobsConfig {
  // Findings bypass the scheduler's alert policy: at most one per key and hour (escalations pass),
  // so the 15-minute health check reports a full disk once an hour, not four times.
  const findings = withCooldown(deps.notifier, { cooldownMs: 60 * 60_000 });
  return {
    catalogPath: config.catalogPath,
    backupDir: config.backupDir,
    retention: config.backupRetention,
    source: cardSource(pokemon, config.source),
    ...(config.primaryDatabaseUrl === undefined ? {} : { primaryDatabaseUrl: config.primaryDatabaseUrl }),
    // A job's finding (health threshold, integrity problem) goes to the same channels as the scheduler's alerts.
    notify: (alert) => findings.notify({ ...alert, kind: 'finding' }),
    logger: deps.logger,
    pruneHistory: (olderThan) => deps.store.pruneRuns({ olderThan }),
    historyRetentionDays: config.historyRetentionDays,
  };
}

/** What each isolated job's worker builds its services from: the runner's configuration as plain data. */
function workerConfig(config: RunnerConfig): PokemonWorkerConfig {
  const { source } = config;
  return {
    catalogPath: config.catalogPath,
    backupDir: config.backupDir,
    retention: config.backupRetention,
    source:
      source.kind === 'api'
        ? { kind: 'api', baseUrl: source.url, ...(source.apiKey === undefined ? {} : { apiKey: source.apiKey }) }
        : source,
    ...(config.primaryDatabaseUrl === undefined ? {} : { primaryDatabaseUrl: config.primaryDatabaseUrl }),
    historyRetentionDays: config.historyRetentionDays,
    historyStore: config.store,
  };
}

/**
 * Builds the eight jobs from the runner's configuration. The package is loaded
 * here, so a runner embedding its own jobs never loads it. The jobs open what
 * they need per run, so there is nothing to close.
 */
export async function buildPokemonJobs(config: RunnerConfig, deps: PokemonJobsDeps): Promise<readonly JobDefinition[]> {
  const pokemon = await import('@pokemon/jobs-pokemon');
  const isolation = config.isolation === 'none' ? undefined : { mode: config.isolation, worker: workerConfig(config) };
  return pokemon.createPokemonJobs(pokemonJobsConfig(pokemon, config, deps), isolation ? { isolation } : {});
}
