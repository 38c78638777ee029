import { definePgCronJob, type PgCronJobDefinition } from '@pokemon/scheduler/pg-cron';
import pg from 'pg';
import { quoteSchema } from './schema-name.js';

/** The primary's own maintenance, run by pg_cron on the primary. */
export const ANALYZE_PRIMARY_JOB = 'analyze-primary-cards';

/**
 * The primary database's maintenance as pg_cron jobs (run by PostgreSQL itself, on the primary):
 * `ANALYZE` of the replicated `sets` and `cards` at 04:30 UTC, after `replicate-to-primary`
 * (04:00) has changed them, so the planner's statistics follow each day's upsert.
 *
 * @param options - the primary's schema (`primarySchema`, default `pokemon`)
 * @returns the definitions, for `pgCronJobs({ jobs })` from `@pokemon/scheduler/pg-cron`
 */
export function primaryMaintenanceJobs(options: { primarySchema?: string } = {}): PgCronJobDefinition[] {
  const s = quoteSchema(options.primarySchema ?? 'pokemon');
  return [
    definePgCronJob({
      name: ANALYZE_PRIMARY_JOB,
      schedule: '30 4 * * *',
      sql: `ANALYZE ${s}.sets, ${s}.cards`,
      description: 'ANALYZE the replicated card tables on the primary (pg_cron)',
    }),
  ];
}

/** Whether the primary can run pg_cron jobs, and why not. */
export type PrimaryPgCron = { available: true; version: string } | { available: false; reason: string };

/**
 * Asks the primary whether the pg_cron extension is created in its database. Never throws: an
 * unreachable primary is `available: false` with the reason (no password in it).
 *
 * @param url - the primary's connection URL (`PRIMARY_DATABASE_URL`)
 * @param timeoutMs - connection timeout
 */
export async function primaryPgCron(url: string, timeoutMs = 3_000): Promise<PrimaryPgCron> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    application_name: 'pokemon-jobs',
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string | null; database: string }>(
      `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'pg_cron') AS version, current_database() AS database`,
    );
    const row = rows[0];
    if (row?.version) return { available: true, version: row.version };
    return { available: false, reason: `pg_cron is not installed in the primary database "${row?.database}"` };
  } catch (error) {
    return { available: false, reason: `the primary database is unreachable (${(error as Error).message})` };
  } finally {
    await client.end().catch(() => {});
  }
}
