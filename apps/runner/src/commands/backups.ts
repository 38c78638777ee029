/** `cron-runner backups list|verify|restore`: the catalogue's backups. */
import { resolve } from 'node:path';
import { listBackups, restoreBackup, verifyBackup } from '@pokemon/jobs-pokemon';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { ExitCode, UsageError } from '../errors.js';
import { formatDate } from '../output/format.js';
import { renderTable } from '../output/table.js';

async function backupFile(dir: string, name: string | undefined): Promise<string> {
  const backups = await listBackups(dir);
  if (backups.length === 0)
    throw new UsageError(`No backup in ${dir} (POKEMON_CRON_BACKUP_DIR); run backup-database first.`);
  if (name === undefined) return backups[0]!.path;
  const found = backups.find((backup) => backup.name === name || backup.path === resolve(name));
  if (!found) throw new UsageError(`No backup named "${name}" in ${dir}; see \`cron-runner backups list\`.`);
  return found.path;
}

/** Registers `backups` and its subcommands. */
export function registerBackups(program: Command, context: CommandContext): void {
  const backups = program.command('backups').description('list, verify or restore catalogue backups');
  backups
    .command('list')
    .description('backups in POKEMON_CRON_BACKUP_DIR, newest first')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = context.config(command);
      const list = await listBackups(config.backupDir);
      if (options.json) return context.printJson(list);
      context.print(
        renderTable(
          ['name', 'created', 'bytes', 'sets', 'cards', 'verified'],
          list.map((b) => [
            b.name,
            formatDate(b.createdAt),
            String(b.bytes),
            String(b.manifest.counts.sets),
            String(b.manifest.counts.cards),
            b.verified ? 'yes' : 'no',
          ]),
        ),
      );
    });
  backups
    .command('verify [name]')
    .description(
      'restore a backup (default: the newest) to a temp file and check it: checksum, integrity_check, row counts',
    )
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, options: { json?: boolean }, command: Command) => {
      const config = context.config(command);
      const file = await backupFile(config.backupDir, name);
      try {
        const result = await verifyBackup(file, context.io.shutdown);
        if (options.json) context.printJson({ ok: true, ...result });
        else context.print(`ok: ${file} (${result.counts.sets} sets, ${result.counts.cards} cards)`);
      } catch (error) {
        if (options.json) context.printJson({ ok: false, file, error: (error as Error).message });
        else context.io.stderr.write(`verify failed: ${(error as Error).message}\n`);
        context.exitCode = ExitCode.failure;
      }
    });
  backups
    .command('restore <name>')
    .description('replace the catalogue (POKEMON_CRON_DB) with a verified copy of a backup; stop the daemon first')
    .option('--yes', 'confirm: the current catalogue is replaced')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      if (!options.yes) throw new UsageError('backups restore replaces the catalogue: add --yes to confirm');
      const config = context.config(command);
      const file = await backupFile(config.backupDir, name);
      const result = await restoreBackup({
        backupFile: file,
        catalogPath: config.catalogPath,
        signal: context.io.shutdown,
      });
      if (options.json) context.printJson(result);
      else context.print(`restored ${config.catalogPath} from ${file}`);
    });
}
