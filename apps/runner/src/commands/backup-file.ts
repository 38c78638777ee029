/** Finds a backup by name for the `backups` commands. */
import { resolve } from 'node:path';
import { listBackups } from '@pokemon/jobs-pokemon';
import { UsageError } from '../errors.js';

/** The path of backup `name` in `dir` (default: the newest); a usage error when there is none. */
export async function backupFile(dir: string, name: string | undefined): Promise<string> {
  const backups = await listBackups(dir);
  if (backups.length === 0)
    throw new UsageError(`No backup in ${dir} (POKEMON_CRON_BACKUP_DIR); run backup-database first.`);
  if (name === undefined) return backups[0]!.path;
  const found = backups.find((backup) => backup.name === name || backup.path === resolve(name));
  if (!found) throw new UsageError(`No backup named "${name}" in ${dir}; see \`cron-runner backups list\`.`);
  return found.path;
}
