import { basename, dirname, join } from 'node:path';
import { BackupVerificationError } from './errors.js';
import { type VerificationRecord, verificationFileName, writeVerificationRecord } from './verification-record.js';
import { type BackupVerification, type VerifyBackupOptions, verifyBackup } from './verify-backup.js';

/** Options of {@link verifyAndRecord}. */
export interface VerifyAndRecordOptions extends VerifyBackupOptions {
  /** Time of the record. @default Date.now */
  now?: () => number;
}

/** Result of {@link verifyAndRecord}: the outcome, whether it could be recorded, and the details. */
export interface RecordedVerification {
  /** The backup file. */
  file: string;
  /** The outcome, as recorded beside the backup. */
  record: Omit<VerificationRecord, 'createdBy'>;
  /** The verification's details when it passed. */
  verification: BackupVerification | undefined;
  /** Why the record could not be written (read-only backup directory...), if so; the outcome still stands. */
  recordError: Error | undefined;
}

/**
 * Verifies a backup ({@link verifyBackup}: restored in the temp directory) and
 * records the outcome, success or failure, with its time and reason, in the
 * sidecar `<backup>.verification.json`. `listBackups`, the health check and
 * `rotate-backups` judge a backup by its last recorded verification. A record
 * that cannot be written (read-only directory) is reported in `recordError`,
 * never turned into a failed verification. Cancellation (the signal) and
 * errors other than a failed verification are rethrown, and nothing is recorded.
 */
export async function verifyAndRecord(
  file: string,
  options: VerifyAndRecordOptions = {},
): Promise<RecordedVerification> {
  let verification: BackupVerification | undefined;
  let reason: string | null = null;
  try {
    verification = await verifyBackup(file, options);
  } catch (error) {
    if (!(error instanceof BackupVerificationError)) throw error;
    reason = error.problems.join('; ');
  }
  const record = { ok: verification !== undefined, at: new Date(options.now?.() ?? Date.now()).toISOString(), reason };
  let recordError: Error | undefined;
  try {
    await writeVerificationRecord(join(dirname(file), verificationFileName(basename(file))), record);
  } catch (error) {
    recordError = error as Error;
  }
  return { file, record, verification, recordError };
}
