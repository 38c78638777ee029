import { rm } from 'node:fs/promises';
import { defineJob, type JobDefinition } from '@pokemon/scheduler';
import { listBackups } from '../backup/list-backups.js';
import { DEFAULT_RETENTION, type RetentionReason, selectBackupsToKeep } from '../backup/retention.js';
import { DEFAULT_SCHEDULES } from '../config.js';
import type { PokemonServices } from '../services.js';

/** Result of `rotate-backups`. */
export interface RotateResult {
  /** Nothing was deleted: the result says what would have been. */
  dryRun: boolean;
  /** Backups kept, newest first, with why. */
  kept: { name: string; reason: RetentionReason }[];
  /** Backups deleted (or that would be), newest first. */
  deleted: string[];
  /** Bytes freed (or that would be). */
  bytesFreed: number;
}

/** `rotate-backups`: keep 7 daily / 4 weekly / 3 monthly (configurable); touches only its own files. */
export function rotateBackupsJob(services: PokemonServices): JobDefinition<RotateResult> {
  const { config } = services;
  return defineJob({
    name: 'rotate-backups',
    schedule: config.schedules?.['rotate-backups'] ?? DEFAULT_SCHEDULES['rotate-backups'],
    timezone: config.timezone,
    description: 'Delete old backups, keeping 7 daily, 4 weekly and 3 monthly and the newest verified one',
    timeoutMs: 10 * 60_000,
    run: async (ctx) => {
      const backupDir = services.requireBackupDir();
      const policy = { ...DEFAULT_RETENTION, ...config.retention };
      const backups = await listBackups(backupDir);
      const { keep, remove } = selectBackupsToKeep(backups, policy, new Date(ctx.now()));
      const dryRun = config.rotateDryRun ?? false;
      let bytesFreed = 0;
      for (const backup of remove) {
        ctx.signal.throwIfAborted();
        bytesFreed += backup.bytes;
        if (dryRun) continue;
        // Data first: a manifest without its file is ignored by listBackups; the reverse would hide a backup.
        await rm(backup.path, { force: true });
        await rm(`${backup.path}.manifest.json`, { force: true });
      }
      return {
        dryRun,
        kept: keep.map((b) => ({ name: b.name, reason: b.reason })),
        deleted: remove.map((b) => b.name),
        bytesFreed,
      };
    },
  });
}
