import type { JobDefinition } from '@pokemon/scheduler';
import { DEFAULT_SCHEDULES } from '../config.js';
import { retryUnlessPermanent } from '../failures/permanent.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import type { PokemonServices } from '../services.js';
import { type SyncSetsResult, syncSets } from '../sync/sync-sets.js';

/** `sync-missing-sets`: insert missing sets, update changed ones, one transaction. */
export function syncMissingSetsJob(services: PokemonServices): JobDefinition<SyncSetsResult> {
  const { config, source } = services;
  return definePokemonJob(services, {
    name: 'sync-missing-sets',
    schedule: config.schedules?.['sync-missing-sets'] ?? DEFAULT_SCHEDULES['sync-missing-sets'],
    timezone: config.timezone,
    description:
      'Load sets from the card source; insert missing and update changed sets in the catalogue (one transaction)',
    timeoutMs: 10 * 60_000,
    retry: {
      attempts: 3,
      backoff: 'exponential',
      initialDelayMs: 30_000,
      maxDelayMs: 300_000,
      retryIf: retryUnlessPermanent,
    },
    catchUp: { policy: 'latest', windowMs: 24 * 3_600_000 },
    run: (ctx) =>
      services.withCatalog(async (db) => {
        const result = await syncSets(db, source, { signal: ctx.signal, now: ctx.now });
        ctx.logger.info('sets synced', { inserted: result.inserted, updated: result.updated });
        return result;
      }),
  });
}
