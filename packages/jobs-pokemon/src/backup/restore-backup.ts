import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { fsyncDirectory } from './durable-write.js';
import { TEMP_PREFIX } from './names.js';
import { type BackupVerification, restoreAndCheck } from './verify-backup.js';

/** Options of {@link restoreBackup}. */
export interface RestoreBackupOptions {
  /** The backup file (`pokemon-catalogue-*.sqlite3.gz`, manifest beside it). */
  backupFile: string;
  /** The catalogue file to replace. */
  catalogPath: string;
  /** Keep the replaced catalogue as `<catalog>.before-restore-<time>`. @default true */
  keepPrevious?: boolean;
  /** Time for the name of the kept copy. @default Date.now */
  now?: () => number;
  /** Aborts before the swap; nothing is changed then. */
  signal?: AbortSignal;
}

/** Result of {@link restoreBackup}. */
export interface RestoreResult extends BackupVerification {
  /** The catalogue now holding the restored data. */
  catalogPath: string;
  /** Where the previous catalogue was kept, if any. */
  previousPath: string | undefined;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** Folds the WAL of the current catalogue into it, so moving the main file moves all of its data. */
function checkpoint(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Restores the catalogue from a backup: verifies the checksum while
 * decompressing to a temp file beside the catalogue, runs `integrity_check`
 * and compares row counts with the manifest, then swaps it in with a rename
 * (the old file is checkpointed and kept aside). Nothing changes if any check
 * fails. Stop writers (the runner) first: open connections keep the old file.
 *
 * @throws {@link BackupVerificationError} when the backup is corrupt; the catalogue is untouched
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const { catalogPath, signal } = options;
  const dir = dirname(catalogPath);
  const temp = join(dir, `${TEMP_PREFIX}restore-${randomUUID()}.sqlite3`);
  await mkdir(dir, { recursive: true }); // restoring onto a fresh machine
  try {
    const verification = await restoreAndCheck(options.backupFile, temp, signal);
    signal?.throwIfAborted();
    let previousPath: string | undefined;
    if (await exists(catalogPath)) {
      checkpoint(catalogPath);
      if (options.keepPrevious !== false) {
        const stamp = new Date(options.now?.() ?? Date.now()).toISOString().replace(/[-:.]/g, '');
        previousPath = join(dir, `${basename(catalogPath)}.before-restore-${stamp}`);
        await rename(catalogPath, previousPath);
      }
    }
    // A leftover WAL/SHM of the old file must never be replayed onto the restored one.
    await rm(`${catalogPath}-wal`, { force: true });
    await rm(`${catalogPath}-shm`, { force: true });
    await rename(temp, catalogPath);
    await fsyncDirectory(dir);
    return { ...verification, catalogPath, previousPath };
  } finally {
    await rm(temp, { force: true });
  }
}
