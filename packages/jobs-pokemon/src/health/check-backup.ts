import { type BackupEntry, listBackups } from '../backup/list-backups.js';
import type { HealthCheck, HealthThresholds } from './check-types.js';

function failedNote(failed: BackupEntry | undefined): string {
  if (!failed) return '';
  const { at, reason } = failed.lastVerification;
  return `; backup ${failed.name} failed verification at ${at?.toISOString()}: ${reason} (see \`backups list\`)`;
}

/**
 * Age of the newest backup known good (its last verification passed: the
 * recorded `backups verify` / `rotate-backups` outcome, else the one made at
 * creation): critical when none, or older than 26 h (default). A backup whose
 * last verification failed is named in the message and `details.failed`,
 * and makes an otherwise ok check a warning.
 */
export async function checkBackup(
  backupDir: string | undefined,
  nowMs: number,
  thresholds: HealthThresholds,
): Promise<HealthCheck> {
  if (!backupDir) {
    return {
      name: 'backup',
      status: 'skipped',
      message: 'backupDir is not configured (POKEMON_CRON_BACKUP_DIR)',
      details: {},
    };
  }
  const backups = await listBackups(backupDir);
  const newest = backups.find((b) => b.verified);
  const failed = backups.find((b) => !b.verified && b.lastVerification.source === 'verify');
  const failedDetails = failed
    ? {
        failed: {
          name: failed.name,
          at: failed.lastVerification.at?.toISOString(),
          reason: failed.lastVerification.reason,
        },
      }
    : {};
  if (!newest) {
    return {
      name: 'backup',
      status: 'critical',
      message: `No verified backup in ${backupDir}${failedNote(failed)}`,
      details: { backupDir, ...failedDetails },
    };
  }
  const ageMs = nowMs - newest.createdAt.getTime();
  const details = {
    backupDir,
    newest: newest.name,
    createdAt: newest.createdAt.toISOString(),
    ageMs,
    ...failedDetails,
  };
  const hours = (ageMs / 3_600_000).toFixed(1);
  const limit = `${thresholds.backupMaxAgeMs / 3_600_000} h`;
  if (ageMs > thresholds.backupMaxAgeMs) {
    return {
      name: 'backup',
      status: 'critical',
      message: `Newest verified backup ${newest.name} is ${hours} h old (> ${limit})${failedNote(failed)}`,
      details,
    };
  }
  return {
    name: 'backup',
    status: failed ? 'warning' : 'ok',
    message: `Newest verified backup ${newest.name} is ${hours} h old${failedNote(failed)}`,
    details,
  };
}
