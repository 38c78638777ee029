import type { JobDefinition } from '@pokemon/scheduler';
import { DEFAULT_SCHEDULES } from '../config.js';
import { retryUnlessPermanent } from '../failures/permanent.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import { connectPrimary } from '../primary/connect.js';
import { type ReplicationResult, replicateToPrimary } from '../primary/replicate.js';
import type { PokemonServices } from '../services.js';

/** Result of `replicate-to-primary` when no primary is configured. */
export interface ReplicationNotConfigured {
  /** `false`: nothing was done. */
  configured: false;
  /** What to set. */
  reason: string;
}

/** `replicate-to-primary`: migrate, then upsert only new/changed rows in one transaction, verify counts. */
export function replicateToPrimaryJob(
  services: PokemonServices,
): JobDefinition<ReplicationResult | ReplicationNotConfigured> {
  const { config } = services;
  return definePokemonJob(services, {
    name: 'replicate-to-primary',
    schedule: config.schedules?.['replicate-to-primary'] ?? DEFAULT_SCHEDULES['replicate-to-primary'],
    timezone: config.timezone,
    description: 'Copy new and changed sets and cards to the PostgreSQL primary (one transaction, counts verified)',
    dependsOn: ['sync-missing-cards'],
    timeoutMs: 30 * 60_000,
    retry: {
      attempts: 3,
      backoff: 'exponential',
      initialDelayMs: 30_000,
      maxDelayMs: 600_000,
      retryIf: retryUnlessPermanent,
    },
    catchUp: { policy: 'latest', windowMs: 24 * 3_600_000 },
    run: async (ctx) => {
      if (!config.primaryDatabaseUrl) {
        const reason = 'No primary configured: set `primaryDatabaseUrl` (runner: PRIMARY_DATABASE_URL) to replicate';
        ctx.logger.info(reason);
        return { configured: false, reason };
      }
      const client = await connectPrimary(config.primaryDatabaseUrl, ctx.signal);
      try {
        return await services.withCatalog((db) =>
          replicateToPrimary(db, client, {
            schema: config.primarySchema,
            batchSize: config.replicationBatchSize,
            signal: ctx.signal,
            onProgress: (progress) => ctx.heartbeat(progress),
          }),
        );
      } finally {
        await client.end().catch(() => {});
      }
    },
  });
}
