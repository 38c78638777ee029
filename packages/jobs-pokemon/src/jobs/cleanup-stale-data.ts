import { dirname } from 'node:path';
import type { JobDefinition } from '@pokemon/scheduler';
import { DEFAULT_SCHEDULES } from '../config.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import { type CompactResult, compactCatalog } from '../maintenance/compact-catalog.js';
import { removeStaleTempFiles, type StaleFilesResult } from '../maintenance/stale-temp-files.js';
import type { PokemonServices } from '../services.js';

/** Result of `cleanup-stale-data`. */
export interface CleanupResult {
  /** Checkpoint, VACUUM, ANALYZE, optimize. */
  catalog: CompactResult;
  /** Scheduler history pruned, or `skipped` when no `pruneHistory` was given. */
  history: { olderThan: string; deletedRuns: number } | { skipped: string };
  /** Stale temp files removed. */
  tempFiles: StaleFilesResult;
  /** Catalogue bytes reclaimed + temp file bytes. */
  bytesReclaimed: number;
}

const DAY_MS = 86_400_000;

/** `cleanup-stale-data`: checkpoint, VACUUM, ANALYZE, optimize, prune run history, remove stale temp files. */
export function cleanupStaleDataJob(services: PokemonServices): JobDefinition<CleanupResult> {
  const { config } = services;
  return definePokemonJob(services, {
    name: 'cleanup-stale-data',
    schedule: config.schedules?.['cleanup-stale-data'] ?? DEFAULT_SCHEDULES['cleanup-stale-data'],
    timezone: config.timezone,
    description:
      'WAL checkpoint, VACUUM, ANALYZE, PRAGMA optimize, prune run history (90 days), remove stale temp files',
    timeoutMs: 30 * 60_000,
    run: async (ctx) => {
      const catalog = await services.withCatalog((db) => compactCatalog(db, config.catalogPath));
      ctx.signal.throwIfAborted();
      let history: CleanupResult['history'];
      if (config.pruneHistory) {
        const olderThan = new Date(ctx.now() - (config.historyRetentionDays ?? 90) * DAY_MS);
        history = { olderThan: olderThan.toISOString(), deletedRuns: await config.pruneHistory(olderThan) };
      } else {
        history = { skipped: 'no pruneHistory callback given (the runner passes its store)' };
      }
      const dirs = [dirname(config.catalogPath), ...(config.backupDir ? [config.backupDir] : [])];
      const tempFiles = await removeStaleTempFiles(dirs, ctx.now(), config.staleTempFileAgeMs ?? DAY_MS);
      return { catalog, history, tempFiles, bytesReclaimed: catalog.bytesReclaimed + tempFiles.bytes };
    },
  });
}
