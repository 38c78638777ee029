/** `cron-runner backups restore <name>`: replaces the catalogue, unless a daemon is using it. */
import { restoreBackup } from '@pokemon/jobs-pokemon';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { daemonMarkerPath, findRunningDaemon } from '../daemon-marker.js';
import { UsageError } from '../errors.js';
import { backupFile } from './backup-file.js';

async function refuseWhileDaemonRuns(catalogPath: string): Promise<void> {
  const daemon = await findRunningDaemon(catalogPath);
  if (!daemon) return;
  throw new UsageError(
    `A daemon is using ${catalogPath}: instance ${daemon.instanceId} (pid ${daemon.pid} on ${daemon.host}, started ${daemon.startedAt}). ` +
      `Stop it first (SIGTERM or stop its service), then run backups restore again; or add --force to restore anyway ` +
      `(a job it is running keeps writing to the replaced file). Its marker is ${daemonMarkerPath(catalogPath)}.`,
  );
}

/** Registers `backups restore`. */
export function registerRestore(backups: Command, context: CommandContext): void {
  backups
    .command('restore <name>')
    .description(
      'replace the catalogue (POKEMON_CRON_DB) with a verified copy of a backup, keeping the previous file and its mode; refused while a daemon uses the catalogue',
    )
    .option('--yes', 'confirm: the current catalogue is replaced')
    .option('--force', 'restore even while a daemon is using the catalogue')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { yes?: boolean; force?: boolean; json?: boolean }, command: Command) => {
      if (!options.yes) throw new UsageError('backups restore replaces the catalogue: add --yes to confirm');
      const config = context.config(command);
      const file = await backupFile(config.backupDir, name);
      if (!options.force) await refuseWhileDaemonRuns(config.catalogPath);
      const result = await restoreBackup({
        backupFile: file,
        catalogPath: config.catalogPath,
        signal: context.io.shutdown,
      });
      if (options.json) return context.printJson(result);
      context.print(
        `restored ${result.catalogPath} from ${file}; ${
          result.previousPath
            ? `the previous catalogue is kept at ${result.previousPath}`
            : 'there was no previous catalogue'
        }`,
      );
    });
}
