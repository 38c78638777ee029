import type { JobDefinition } from '@pokemon/scheduler';
import { type BackupResult, createBackup } from '../backup/create-backup.js';
import { DEFAULT_SCHEDULES } from '../config.js';
import { retryUnlessPermanent } from '../failures/permanent.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import type { PokemonServices } from '../services.js';

/** `backup-database`: online backup, gzip, SHA-256, verified restore, atomic rename, manifest. */
export function backupDatabaseJob(services: PokemonServices): JobDefinition<BackupResult> {
  const { config } = services;
  return definePokemonJob(services, {
    name: 'backup-database',
    schedule: config.schedules?.['backup-database'] ?? DEFAULT_SCHEDULES['backup-database'],
    timezone: config.timezone,
    description: 'Back up the catalogue (online backup, gzip, SHA-256), verify it by restoring, keep a manifest',
    timeoutMs: 60 * 60_000,
    retry: { attempts: 2, backoff: 'fixed', initialDelayMs: 60_000, retryIf: retryUnlessPermanent },
    catchUp: { policy: 'latest', windowMs: 24 * 3_600_000 },
    run: async (ctx) => {
      const backupDir = services.requireBackupDir();
      const result = await createBackup({
        catalogPath: config.catalogPath,
        backupDir,
        diskSpace: services.diskSpace,
        now: ctx.now,
        signal: ctx.signal,
        onPhase: (phase) => ctx.heartbeat({ phase }),
      });
      ctx.logger.info('backup written', {
        file: result.file,
        bytes: result.manifest.bytes,
        sha256: result.manifest.sha256,
      });
      return result;
    },
  });
}
