import { readFile } from 'node:fs/promises';
import { writeFileDurably } from './durable-write.js';
import { MANIFEST_CREATOR } from './manifest.js';

/**
 * The outcome of the last verification of a backup, kept in a sidecar file
 * beside it (`<backup>.verification.json`); the manifest stays as written at
 * creation.
 */
export interface VerificationRecord {
  /** Always `'@pokemon/jobs-pokemon'`. */
  createdBy: typeof MANIFEST_CREATOR;
  /** The backup passed: checksum, gzip stream, `integrity_check`, row counts. */
  ok: boolean;
  /** When it was verified, ISO 8601. */
  at: string;
  /** Why it failed (the verification error's message), `null` when it passed. */
  reason: string | null;
}

/** The sidecar file holding a backup's last {@link VerificationRecord}. */
export function verificationFileName(backupName: string): string {
  return `${backupName}.verification.json`;
}

/** Reads a verification record, or `undefined` when missing, unreadable or not ours. */
export async function readVerificationRecord(path: string): Promise<VerificationRecord | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<VerificationRecord>;
    return value.createdBy === MANIFEST_CREATOR && typeof value.ok === 'boolean' && typeof value.at === 'string'
      ? (value as VerificationRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a verification record durably (temp file, fsync, rename; mode 0600). */
export async function writeVerificationRecord(
  path: string,
  record: Omit<VerificationRecord, 'createdBy'>,
): Promise<void> {
  const full: VerificationRecord = { createdBy: MANIFEST_CREATOR, ...record };
  await writeFileDurably(path, `${JSON.stringify(full, null, 2)}\n`);
}
