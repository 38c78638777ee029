import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type BackupManifest, readManifest } from './manifest.js';
import { manifestFileName, parseBackupFileName } from './names.js';

/** A backup this package made, as found in the backup directory. */
export interface BackupEntry {
  /** File name. */
  name: string;
  /** Full path. */
  path: string;
  /** When it was taken. */
  createdAt: Date;
  /** Whether its manifest says it was verified. */
  verified: boolean;
  /** Compressed size. */
  bytes: number;
  /** Its manifest. */
  manifest: BackupManifest;
}

/**
 * Lists the backups in `dir` that this package made: a file named
 * `pokemon-catalogue-<time>.sqlite3.gz` WITH our manifest beside it. Every
 * other file is ignored. Newest first.
 */
export async function listBackups(dir: string): Promise<BackupEntry[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const createdAt = parseBackupFileName(name);
    if (!createdAt) continue;
    const manifest = await readManifest(join(dir, manifestFileName(name)));
    if (!manifest || manifest.file !== name) continue;
    entries.push({
      name,
      path: join(dir, name),
      createdAt,
      verified: manifest.verified,
      bytes: manifest.bytes,
      manifest,
    });
  }
  return entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
