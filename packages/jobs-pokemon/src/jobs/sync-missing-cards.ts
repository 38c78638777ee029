import type { JobDefinition } from '@pokemon/scheduler';
import { DEFAULT_SCHEDULES } from '../config.js';
import { retryUnlessPermanent } from '../failures/permanent.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import type { PokemonServices } from '../services.js';
import { type SyncCardsResult, syncCards } from '../sync/sync-cards.js';

/** `sync-missing-cards`: complete the sets holding fewer cards than the source, one transaction per set. */
export function syncMissingCardsJob(services: PokemonServices): JobDefinition<SyncCardsResult> {
  const { config, source } = services;
  return definePokemonJob(services, {
    name: 'sync-missing-cards',
    schedule: config.schedules?.['sync-missing-cards'] ?? DEFAULT_SCHEDULES['sync-missing-cards'],
    timezone: config.timezone,
    description: 'Insert the missing cards of sets holding fewer cards than the source (one transaction per set)',
    dependsOn: ['sync-missing-sets'],
    timeoutMs: 60 * 60_000,
    retry: {
      attempts: 3,
      backoff: 'exponential',
      initialDelayMs: 60_000,
      maxDelayMs: 600_000,
      retryIf: retryUnlessPermanent,
    },
    catchUp: { policy: 'latest', windowMs: 24 * 3_600_000 },
    run: (ctx) =>
      services.withCatalog(async (db) => {
        const result = await syncCards(db, source, {
          signal: ctx.signal,
          now: ctx.now,
          onProgress: (progress) => ctx.heartbeat(progress),
        });
        ctx.logger.info('cards synced', { setsIncomplete: result.setsIncomplete, cardsInserted: result.cardsInserted });
        return result;
      }),
  });
}
