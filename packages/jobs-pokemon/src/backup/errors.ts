import { PermanentJobError } from '../failures/permanent-error.js';

/**
 * A backup failed verification (checksum, gzip stream, `integrity_check`,
 * row counts) or cannot be restored. The message names the file and what is
 * wrong. Code `BACKUP_VERIFICATION_FAILED`; not retried.
 */
export class BackupVerificationError extends PermanentJobError {
  /** The backup file. */
  readonly file: string;
  /** What is wrong, one line each. */
  readonly problems: string[];

  /**
   * @param file - the backup file
   * @param problems - what is wrong
   */
  constructor(file: string, problems: string[], options?: ErrorOptions) {
    super('BACKUP_VERIFICATION_FAILED', `Backup ${file} is not usable: ${problems.join('; ')}`, options);
    this.name = 'BackupVerificationError';
    this.file = file;
    this.problems = problems;
  }
}

/** Not enough free disk space for the backup; the message gives both figures and the directory. Code `INSUFFICIENT_DISK_SPACE`; not retried. */
export class InsufficientDiskSpaceError extends PermanentJobError {
  /** Bytes needed. */
  readonly neededBytes: number;
  /** Bytes free. */
  readonly freeBytes: number;

  /**
   * @param dir - where the backup would go
   * @param neededBytes - bytes needed
   * @param freeBytes - bytes free
   */
  constructor(dir: string, neededBytes: number, freeBytes: number) {
    super(
      'INSUFFICIENT_DISK_SPACE',
      `Not enough free disk space in ${dir} for a backup: need ${neededBytes} bytes, ${freeBytes} free. Free some space or point backupDir (POKEMON_CRON_BACKUP_DIR) elsewhere`,
    );
    this.name = 'InsufficientDiskSpaceError';
    this.neededBytes = neededBytes;
    this.freeBytes = freeBytes;
  }
}

/**
 * Writing the decompressed copy failed (ENOSPC, EROFS, EACCES...): a problem
 * of the target's directory, not of the backup being read.
 */
export class TargetWriteError extends Error {
  /** The file that could not be written. */
  readonly target: string;

  /**
   * @param target - the file being written
   * @param cause - the file system error
   */
  constructor(target: string, cause: NodeJS.ErrnoException) {
    super(
      `Cannot write the temporary copy ${target} (${cause.code ?? cause.message}): free space or pick another temp directory (TMPDIR)`,
      { cause },
    );
    this.name = 'TargetWriteError';
    this.target = target;
  }
}
