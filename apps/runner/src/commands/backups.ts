/** `cron-runner backups list|verify|restore`: the catalogue's backups. */
import { basename, dirname, join } from 'node:path';
import { type BackupEntry, listBackups, verificationFileName, verifyAndRecord } from '@pokemon/jobs-pokemon';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../errors.js';
import { formatBytes, formatDate } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { backupFile } from './backup-file.js';
import { registerRestore } from './backups-restore.js';

/** `ok 2026-11-22 01:00:00Z`, `FAILED 2026-11-22 01:00:00Z: <reason>`, `ok ... (at creation)` or `never`. */
function lastVerificationCell(backup: BackupEntry): string {
  const { ok, at, reason, source } = backup.lastVerification;
  if (source === 'none') return 'never';
  const when = formatDate(at ?? undefined);
  if (ok) return source === 'creation' ? `ok ${when} (at creation)` : `ok ${when}`;
  const why = reason ?? '';
  return `FAILED ${when}: ${why.length > 60 ? `${why.slice(0, 59)}…` : why}`;
}

function registerList(backups: Command, context: CommandContext): void {
  backups
    .command('list')
    .description('backups in POKEMON_CRON_BACKUP_DIR, newest first, with their last verification')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = context.config(command);
      const list = await listBackups(config.backupDir);
      if (options.json) return context.printJson(list);
      context.print(
        renderTable(
          ['name', 'created', 'size', 'sets', 'cards', 'last verification'],
          list.map((b) => [
            b.name,
            formatDate(b.createdAt),
            formatBytes(b.bytes),
            b.manifest.counts.sets.toLocaleString('en-US'),
            b.manifest.counts.cards.toLocaleString('en-US'),
            lastVerificationCell(b),
          ]),
          context.width(),
        ),
      );
    });
}

function registerVerify(backups: Command, context: CommandContext): void {
  backups
    .command('verify [name]')
    .description(
      'restore a backup (default: the newest) to a file in the temp directory and check it: checksum, integrity_check, row counts; the outcome is recorded beside the backup',
    )
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, options: { json?: boolean }, command: Command) => {
      const config = context.config(command);
      const file = await backupFile(config.backupDir, name);
      const outcome = await verifyAndRecord(file, { signal: context.io.shutdown });
      const recordPath = join(dirname(file), verificationFileName(basename(file)));
      const { ok, at, reason } = outcome.record;
      if (!ok) context.exitCode = ExitCode.failure;
      if (outcome.recordError) {
        context.io.stderr.write(
          `warning: the outcome could not be recorded in ${recordPath} (${outcome.recordError.message}); \`backups list\` still shows the previous one\n`,
        );
      }
      const recorded = outcome.recordError ? undefined : recordPath;
      if (options.json) {
        return context.printJson({
          ok,
          file,
          verifiedAt: at,
          error: reason ?? undefined,
          recorded,
          ...outcome.verification,
        });
      }
      if (ok) {
        const counts = outcome.verification!.counts;
        context.print(
          `ok: ${file} (${counts.sets} sets, ${counts.cards} cards)${recorded ? `; recorded in ${recorded}` : ''}`,
        );
      } else {
        context.io.stderr.write(
          `verify failed: Backup ${file} is not usable: ${reason}${recorded ? ` (recorded in ${recorded}; rotate-backups no longer counts it)` : ''}\n`,
        );
      }
    });
}

/** Registers `backups` and its subcommands. */
export function registerBackups(program: Command, context: CommandContext): void {
  const backups = program.command('backups').description('list, verify or restore catalogue backups');
  registerList(backups, context);
  registerVerify(backups, context);
  registerRestore(backups, context);
}
