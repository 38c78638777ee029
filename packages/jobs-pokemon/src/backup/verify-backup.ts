import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkDatabaseFile } from './check-database.js';
import { BackupVerificationError } from './errors.js';
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
 * @throws {@link BackupVerificationError} listing every problem found
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

/**
 * Verifies a backup by restoring it to a temporary file beside it (removed
 * afterwards) and checking it: SHA-256 against the manifest, complete gzip stream, `integrity_check`, row counts.
 *
 * @throws {@link BackupVerificationError} when it is not usable
 */
export async function verifyBackup(file: string, signal?: AbortSignal): Promise<BackupVerification> {
  const temp = join(dirname(file), `${TEMP_PREFIX}verify-${randomUUID()}.sqlite3`);
  try {
    return await restoreAndCheck(file, temp, signal);
  } finally {
    await rm(temp, { force: true });
  }
}
