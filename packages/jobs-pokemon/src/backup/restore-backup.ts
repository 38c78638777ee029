import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
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
  /** Where the previous catalogue was kept (absolute path), if any. */
  previousPath: string | undefined;
}

/** The permission bits of `path`, or `undefined` when it does not exist. */
async function modeOf(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info === undefined ? undefined : info.mode & 0o7777;
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
 * (the old file is checkpointed and kept aside, its file mode given to the
 * restored one). Nothing changes if any check fails. Stop writers (the runner) first: open connections keep the old file.
 *
 * @throws {@link BackupVerificationError} when the backup is corrupt; the catalogue is untouched
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const catalogPath = resolve(options.catalogPath);
  const { signal } = options;
  const dir = dirname(catalogPath);
  const temp = join(dir, `${TEMP_PREFIX}restore-${randomUUID()}.sqlite3`);
  await mkdir(dir, { recursive: true }); // restoring onto a fresh machine
  try {
    const verification = await restoreAndCheck(options.backupFile, temp, signal);
    signal?.throwIfAborted();
    let previousPath: string | undefined;
    const mode = await modeOf(catalogPath);
    // The restored file gets the permissions of the one it replaces (the copy is 0600 otherwise).
    if (mode !== undefined) {
      await chmod(temp, mode);
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
