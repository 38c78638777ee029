import type { JobDefinition } from '@pokemon/scheduler';
import type { PokemonJobsConfig } from './config.js';
import type { PokemonJobsIsolation } from './isolation/worker-config.js';
import { backupDatabaseJob } from './jobs/backup-database.js';
import { cleanupStaleDataJob } from './jobs/cleanup-stale-data.js';
import { databaseHealthCheckJob } from './jobs/database-health-check.js';
import { replicateToPrimaryJob } from './jobs/replicate-to-primary.js';
import { rotateBackupsJob } from './jobs/rotate-backups.js';
import { syncMissingCardsJob } from './jobs/sync-missing-cards.js';
import { syncMissingSetsJob } from './jobs/sync-missing-sets.js';
import { validateDataIntegrityJob } from './jobs/validate-data-integrity.js';
import { createServices } from './services.js';

/** Options of {@link createPokemonJobs}. */
export interface CreatePokemonJobsOptions {
  /**
   * Run each job in a worker thread or a child process (hard timeouts, crashes and memory
   * contained), its services rebuilt there from `isolation.worker`. @default in the scheduler's thread
   */
  isolation?: PokemonJobsIsolation;
}

/**
 * Builds the eight maintenance jobs, wired to their services, ready for
 * `createScheduler({ jobs })`. Opening nothing here: each run opens (and
 * closes) what it needs, so a missing database fails that run, not this call.
 *
 * @example
 * ```ts
 * const jobs = createPokemonJobs({ catalogPath: './data/pokemon.sqlite3', backupDir: './data/backups' });
 * const scheduler = createScheduler({ jobs, store });
 * ```
 * @param config - the jobs' configuration (schedules, paths, services)
 * @param options - isolation of the jobs
 * @throws TypeError when `catalogPath` is missing
 */
export function createPokemonJobs(config: PokemonJobsConfig, options: CreatePokemonJobsOptions = {}): JobDefinition[] {
  const services = createServices(config, options.isolation);
  return [
    syncMissingSetsJob(services),
    syncMissingCardsJob(services),
    validateDataIntegrityJob(services),
    backupDatabaseJob(services),
    rotateBackupsJob(services),
    replicateToPrimaryJob(services),
    databaseHealthCheckJob(services),
    cleanupStaleDataJob(services),
  ] as JobDefinition[];
}
