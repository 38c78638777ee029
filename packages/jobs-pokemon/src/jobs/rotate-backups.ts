import { rm } from 'node:fs/promises';
import type { JobDefinition } from '@pokemon/scheduler';
import { planRotation, type RotationVerification } from '../backup/plan-rotation.js';
import { DEFAULT_RETENTION, type RetentionReason } from '../backup/retention.js';
import { DEFAULT_SCHEDULES } from '../config.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import type { PokemonServices } from '../services.js';

/** Result of `rotate-backups`. */
export interface RotateResult {
  /** Nothing was deleted: the result says what would have been. */
  dryRun: boolean;
  /** Backups kept, newest first, with why. */
  kept: { name: string; reason: RetentionReason }[];
  /** Backups deleted (or that would be), newest first. */
  deleted: string[];
  /** Backups verified (and the outcome recorded) to decide: never-verified ones and every one relied on. */
  verified: RotationVerification[];
  /** Bytes freed (or that would be). */
  bytesFreed: number;
}

/**
 * `rotate-backups`: keep 7 daily / 4 weekly / 3 monthly (configurable), judged
 * by verifying the backups it relies on ({@link planRotation}); the newest good
 * backup is always kept; touches only its own files.
 */
export function rotateBackupsJob(services: PokemonServices): JobDefinition<RotateResult> {
  const { config } = services;
  return definePokemonJob(services, {
    name: 'rotate-backups',
    schedule: config.schedules?.['rotate-backups'] ?? DEFAULT_SCHEDULES['rotate-backups'],
    timezone: config.timezone,
    description:
      'Verify the backups it keeps, then delete old ones, keeping 7 daily, 4 weekly and 3 monthly good ones and the newest good one',
    timeoutMs: 10 * 60_000,
    run: async (ctx) => {
      const backupDir = services.requireBackupDir();
      const policy = { ...DEFAULT_RETENTION, ...config.retention };
      await ctx.heartbeat({ phase: 'verify' });
      const { keep, remove, verifications } = await planRotation(backupDir, {
        policy,
        now: ctx.now,
        signal: ctx.signal,
      });
      for (const failed of verifications.filter((v) => !v.ok)) {
        ctx.logger.warn('backup failed verification; it no longer counts toward retention', {
          backup: failed.name,
          reason: failed.reason,
        });
      }
      const dryRun = config.rotateDryRun ?? false;
      let bytesFreed = 0;
      for (const backup of remove) {
        ctx.signal.throwIfAborted();
        bytesFreed += backup.bytes;
        if (dryRun) continue;
        // Data first: a manifest without its file is ignored by listBackups; the reverse would hide a backup.
        await rm(backup.path, { force: true });
        await rm(`${backup.path}.manifest.json`, { force: true });
        await rm(`${backup.path}.verification.json`, { force: true });
      }
      return {
        dryRun,
        kept: keep.map((b) => ({ name: b.name, reason: b.reason })),
        deleted: remove.map((b) => b.name),
        verified: verifications,
        bytesFreed,
      };
    },
  });
}
