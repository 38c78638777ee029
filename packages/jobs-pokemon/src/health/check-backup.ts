import { listBackups } from '../backup/list-backups.js';
import type { HealthCheck, HealthThresholds } from './check-types.js';

/** Age of the newest verified backup: critical when none, or older than 26 h (default). */
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
  const newest = (await listBackups(backupDir)).find((b) => b.verified);
  if (!newest) {
    return {
      name: 'backup',
      status: 'critical',
      message: `No verified backup in ${backupDir}`,
      details: { backupDir },
    };
  }
  const ageMs = nowMs - newest.createdAt.getTime();
  const details = { backupDir, newest: newest.name, createdAt: newest.createdAt.toISOString(), ageMs };
  const hours = (ageMs / 3_600_000).toFixed(1);
  if (ageMs > thresholds.backupMaxAgeMs) {
    return {
      name: 'backup',
      status: 'critical',
      message: `Newest verified backup ${newest.name} is ${hours} h old (> ${thresholds.backupMaxAgeMs / 3_600_000} h)`,
      details,
    };
  }
  return { name: 'backup', status: 'ok', message: `Newest verified backup ${newest.name} is ${hours} h old`, details };
}
