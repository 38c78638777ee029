/**
 * The primary database's own maintenance as pg_cron jobs (`analyze-primary-cards`), when the
 * primary has pg_cron; otherwise one line saying why it is off, and the rest of the service runs.
 */
import type { PgCronJobs } from '@pokemon/scheduler/pg-cron';
import type { RunnerConfig } from './config.js';
import { STORE_POLL_MS } from './store-poll.js';

/** The pg_cron source the runner adds to its scheduler, or why there is none. */
export type PgCronWiring = { source: PgCronJobs; note?: undefined } | { source?: undefined; note: string };

/** `cron.job` names of the runner's pg_cron jobs start with this. */
export const PG_CRON_PREFIX = 'pokemon-cron:';

/** Builds the pg_cron source for the primary, or the one-line note `plan` and `list` print. */
export async function wirePgCron(config: RunnerConfig): Promise<PgCronWiring> {
  const pokemon = await import('@pokemon/jobs-pokemon');
  const off = (why: string): PgCronWiring => ({
    note: `pg_cron off (${why}): ${pokemon.ANALYZE_PRIMARY_JOB} not scheduled`,
  });
  if (config.primaryDatabaseUrl === undefined) return off('PRIMARY_DATABASE_URL is not set');
  const primary = await pokemon.primaryPgCron(config.primaryDatabaseUrl);
  if (!primary.available) return off(primary.reason);
  const { pgCronJobs } = await import('@pokemon/scheduler/pg-cron');
  return {
    source: pgCronJobs({
      connection: { connectionString: config.primaryDatabaseUrl },
      jobs: pokemon.primaryMaintenanceJobs(),
      prefix: PG_CRON_PREFIX,
      pollIntervalMs: STORE_POLL_MS,
      retentionMs: config.historyRetentionDays * 86_400_000,
    }),
  };
}
