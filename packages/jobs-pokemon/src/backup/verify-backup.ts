import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { checkDatabaseFile } from './check-database.js';
import { BackupVerificationError, TargetWriteError } from './errors.js';
import { gunzipFile } from './gzip-file.js';
import { type BackupManifest, readManifest } from './manifest.js';
import { manifestFileName, TEMP_PREFIX } from './names.js';

/** Result of {@link verifyBackup}. */
export interface BackupVerification {
  /** The backup file. */
  file: string;
  /** Its manifest. */
  manifest: BackupManifest;
  /** Row counts of the restored copy. */
  counts: { sets: number; cards: number };
}

/**
 * Restores `restoreTo` from a backup and checks it: the SHA-256 of the
 * compressed file against the manifest, a complete gzip stream,
 * `integrity_check`, and the row counts of the manifest.
 *
 * @throws {@link BackupVerificationError} listing every problem found; a
 *   `TargetWriteError` when `restoreTo` cannot be written (not the backup's fault)
 */
export async function restoreAndCheck(
  file: string,
  restoreTo: string,
  signal?: AbortSignal,
  knownManifest?: BackupManifest,
): Promise<BackupVerification> {
  const manifest = knownManifest ?? (await readManifest(join(dirname(file), manifestFileName(basename(file)))));
  if (!manifest) throw new BackupVerificationError(file, ['its manifest is missing or unreadable']);
  let sha256: string;
  try {
    ({ sha256 } = await gunzipFile(file, restoreTo, signal));
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof TargetWriteError) throw error;
    throw new BackupVerificationError(file, [`cannot be decompressed (${(error as Error).message})`], { cause: error });
  }
  const problems: string[] = [];
  if (sha256 !== manifest.sha256) problems.push(`SHA-256 is ${sha256}, the manifest says ${manifest.sha256}`);
  let check: ReturnType<typeof checkDatabaseFile>;
  try {
    check = checkDatabaseFile(restoreTo);
  } catch (error) {
    throw new BackupVerificationError(file, [
      ...problems,
      `not a readable SQLite database (${(error as Error).message})`,
    ]);
  }
  problems.push(...check.problems.map((p) => `integrity_check: ${p}`));
  for (const table of ['sets', 'cards'] as const) {
    if (check.counts[table] !== manifest.counts[table]) {
      problems.push(`${table}: ${check.counts[table]} rows, the manifest says ${manifest.counts[table]}`);
    }
  }
  if (problems.length > 0) throw new BackupVerificationError(file, problems);
  return { file, manifest, counts: check.counts };
}

/** Options of {@link verifyBackup}. */
export interface VerifyBackupOptions {
  /** Aborts the restore; the temp file is removed. */
  signal?: AbortSignal;
  /**
   * Directory of the temporary restored copy (removed afterwards). Never the
   * backup directory, so a read-only backup directory can be verified.
   * @default os.tmpdir() (honours `TMPDIR`)
   */
  tempDir?: string;
}

/**
 * Verifies a backup by restoring it to a temporary file in the temp directory
 * (`os.tmpdir()`, or `tempDir`; removed afterwards) and checking it: SHA-256
 * against the manifest, complete gzip stream, `integrity_check`, row counts.
 * Writes nothing beside the backup: see `verifyAndRecord` to keep the outcome.
 *
 * @param options - options, or (older form) the abort signal
 * @throws {@link BackupVerificationError} when it is not usable
 */
export async function verifyBackup(
  file: string,
  options: VerifyBackupOptions | AbortSignal = {},
): Promise<BackupVerification> {
  const { signal, tempDir = tmpdir() } = options instanceof AbortSignal ? { signal: options } : options;
  const temp = join(tempDir, `${TEMP_PREFIX}verify-${randomUUID()}.sqlite3`);
  try {
    return await restoreAndCheck(file, temp, signal);
  } finally {
    await Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => rm(`${temp}${suffix}`, { force: true })));
  }
}
