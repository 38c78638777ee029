/**
 * Backup operations for `cron-runner backups`, through `@pokemon/jobs-pokemon`.
 * The only file that knows that package's backup functions.
 */
import { listBackups, restoreBackup, verifyBackup } from '@pokemon/jobs-pokemon';
import type { RunnerConfig } from './config.js';

export { listBackups, restoreBackup, verifyBackup };

/** The backup directory and catalogue the operations act on. */
export function backupPaths(config: RunnerConfig): { backupDir: string; catalogPath: string } {
  return { backupDir: config.backupDir, catalogPath: config.catalogPath };
}
