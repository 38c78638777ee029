import { readFile } from 'node:fs/promises';

/** Marker written in every manifest: rotation only deletes backups whose manifest carries it. */
export const MANIFEST_CREATOR = '@pokemon/jobs-pokemon';

/** The JSON manifest written beside each backup (`<backup>.manifest.json`). */
export interface BackupManifest {
  /** Manifest format version. */
  format: 1;
  /** Always `'@pokemon/jobs-pokemon'`: rotation only deletes backups whose manifest says so. */
  createdBy: typeof MANIFEST_CREATOR;
  /** Backup file name (in the same directory). */
  file: string;
  /** When the backup was taken, ISO 8601. */
  createdAt: string;
  /** Catalogue file that was backed up. */
  sourcePath: string;
  /** SHA-256 of the compressed file, hex. */
  sha256: string;
  /** Compressed size. */
  bytes: number;
  /** Size of the SQLite image inside. */
  uncompressedBytes: number;
  /** Catalogue schema version (`user_version`). */
  schemaVersion: number;
  /** Row counts at backup time. */
  counts: { sets: number; cards: number };
  /** Whether it was restored and checked (`integrity_check` + row counts) after writing. */
  verified: boolean;
  /** When it was verified, ISO 8601. */
  verifiedAt: string | null;
}

/** Reads a manifest, or `undefined` when missing, unreadable or not ours. */
export async function readManifest(path: string): Promise<BackupManifest | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<BackupManifest>;
    return value.createdBy === MANIFEST_CREATOR && typeof value.sha256 === 'string'
      ? (value as BackupManifest)
      : undefined;
  } catch {
    return undefined;
  }
}
