import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type BackupManifest, readManifest } from './manifest.js';
import { manifestFileName, parseBackupFileName } from './names.js';
import { readVerificationRecord, verificationFileName } from './verification-record.js';

/** The last verification of a backup: the recorded `verifyAndRecord` outcome, else the one made at creation. */
export interface LastVerification {
  /** It passed. `false` also when it was never verified (`source: 'none'`). */
  ok: boolean;
  /** When, or `null` when never verified. */
  at: Date | null;
  /** Why it failed, `null` when it passed or was never verified. */
  reason: string | null;
  /** `verify`: a recorded verification (`backups verify`, `rotate-backups`); `creation`: the one `backup-database` ran; `none`: never verified. */
  source: 'verify' | 'creation' | 'none';
}

/** A backup this package made, as found in the backup directory. */
export interface BackupEntry {
  /** File name. */
  name: string;
  /** Full path. */
  path: string;
  /** When it was taken. */
  createdAt: Date;
  /** Known good: its last verification (`lastVerification`) passed. */
  verified: boolean;
  /** Its last verification. */
  lastVerification: LastVerification;
  /** Compressed size. */
  bytes: number;
  /** Its manifest. */
  manifest: BackupManifest;
}

async function lastVerification(dir: string, name: string, manifest: BackupManifest): Promise<LastVerification> {
  const record = await readVerificationRecord(join(dir, verificationFileName(name)));
  if (record) return { ok: record.ok, at: new Date(record.at), reason: record.reason, source: 'verify' };
  if (manifest.verified) {
    return {
      ok: true,
      at: manifest.verifiedAt ? new Date(manifest.verifiedAt) : null,
      reason: null,
      source: 'creation',
    };
  }
  return { ok: false, at: null, reason: null, source: 'none' };
}

/**
 * Lists the backups in `dir` that this package made: a file named
 * `pokemon-catalogue-<time>.sqlite3.gz` WITH our manifest beside it. Every
 * other file is ignored. Newest first. Each carries its last verification:
 * the sidecar `<backup>.verification.json` written by `verifyAndRecord` when
 * there is one, else the verification made at creation.
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
    const last = await lastVerification(dir, name, manifest);
    entries.push({
      name,
      path: join(dir, name),
      createdAt,
      verified: last.ok,
      lastVerification: last,
      bytes: manifest.bytes,
      manifest,
    });
  }
  return entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
