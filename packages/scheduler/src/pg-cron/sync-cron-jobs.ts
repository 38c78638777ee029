import { InvalidOptionError } from '../core/errors.js';
import type { PgPoolLike } from '../store/postgres/driver-types.js';
import { pgTransaction } from '../store/postgres/session.js';
import type { JobState, Store } from '../store/types.js';
import { alterCronJob, createCronJob, listCronJobs, lockPrefix, readServer, removeCronJob } from './cron-jobs.js';
import type { PgCronJobDefinition } from './pg-cron-job.js';
import { type CronStep, desiredJobs, planCronSteps } from './reconcile.js';
import { checkJobsAgainst } from './version.js';

/**
 * Makes the prefixed rows of `cron.job` match the definitions and the operator state in `store`
 * (or, with `dryRun`, says what that would change); returns the steps. Checks the jobs against the installed
 * pg_cron first. The writes hold an advisory lock on the prefix: two instances reconciling at
 * once apply one after the other, and the second finds nothing to do.
 *
 * @internal
 */
export async function reconcileCronJobs(
  pool: PgPoolLike,
  prefix: string,
  defs: readonly PgCronJobDefinition[],
  store: Store,
  dryRun: boolean,
): Promise<CronStep[]> {
  const server = await readServer(pool);
  if (!server.version) {
    throw new InvalidOptionError(
      `pgCronJobs: database "${server.database}" has no pg_cron extension. Install it (shared_preload_libraries = 'pg_cron', cron.database_name = '${server.database}', then CREATE EXTENSION pg_cron), or connect to the database that has it.`,
      { component: 'pgCronJobs', option: 'connection' },
    );
  }
  checkJobsAgainst(defs, server.version, server.cronTimezone);
  const names = new Set(defs.map((def) => def.name));
  const states = new Map<string, JobState>();
  for (const state of await store.listJobs()) if (names.has(state.name)) states.set(state.name, state);
  const desired = desiredJobs(defs, states, prefix, server.database);
  if (dryRun) return planCronSteps(await listCronJobs(pool, prefix), desired, prefix);
  return pgTransaction(pool, async (client) => {
    await lockPrefix(client, prefix);
    const steps = planCronSteps(await listCronJobs(client, prefix), desired, prefix);
    for (const step of steps) {
      if (step.kind === 'create') await createCronJob(client, step.desired);
      else if (step.kind === 'alter') await alterCronJob(client, step.jobid, step.desired);
      else await removeCronJob(client, step.jobid);
    }
    return steps;
  });
}
