import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CatalogueNotReadyError } from '../errors.js';
import type { DiskSpaceProbe } from './disk-space.js';
import { fsyncDirectory, writeFileDurably } from './durable-write.js';
import { InsufficientDiskSpaceError } from './errors.js';
import { gzipFile } from './gzip-file.js';
import { type BackupManifest, MANIFEST_CREATOR } from './manifest.js';
import { backupFileName, manifestFileName, TEMP_PREFIX } from './names.js';
import { restoreAndCheck } from './verify-backup.js';

/** Options of {@link createBackup}. */
export interface CreateBackupOptions {
  /** The catalogue SQLite file. */
  catalogPath: string;
  /** Where backups go (created when missing). */
  backupDir: string;
  /** Free-space probe. */
  diskSpace: DiskSpaceProbe;
  /** Backup time (names the file). */
  now: () => number;
  /** gzip level. @default 6 */
  gzipLevel?: number;
  /** Skip the restore-and-check verification (not recommended). @default true */
  verify?: boolean;
  /** Aborts between phases and inside the streams; temp files are removed. */
  signal?: AbortSignal;
  /** Called as each phase starts (the job forwards it to `ctx.heartbeat`). */
  onPhase?: (phase: 'snapshot' | 'compress' | 'verify' | 'publish') => Promise<void> | void;
}

/** Result of {@link createBackup}: stored with the run of `backup-database`. */
export interface BackupResult {
  /** Full path of the backup. */
  file: string;
  /** Its manifest. */
  manifest: BackupManifest;
  /** Milliseconds per phase. */
  timingsMs: { snapshot: number; compress: number; verify: number; total: number };
  /** Compressed / uncompressed. */
  compressionRatio: number;
}

async function fileSize(path: string): Promise<number> {
  return (await stat(path).catch(() => undefined))?.size ?? 0;
}

async function ensureSpace(options: CreateBackupOptions): Promise<number> {
  const expected = (await fileSize(options.catalogPath)) + (await fileSize(`${options.catalogPath}-wal`));
  // Raw snapshot + compressed copy + a verification copy may coexist: ask for twice the database plus slack.
  const needed = expected * 2 + 1024 * 1024;
  const { freeBytes } = await options.diskSpace(options.backupDir);
  if (freeBytes < needed) throw new InsufficientDiskSpaceError(options.backupDir, needed, freeBytes);
  return expected;
}

/** The online backup API, in one step after the first so a concurrent writer cannot restart it forever. */
async function snapshotDatabase(
  catalogPath: string,
  target: string,
): Promise<{ sets: number; cards: number; schemaVersion: number; bytes: number }> {
  const db = new Database(catalogPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target, { progress: () => 1_000_000_000 });
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; switch it to a self-contained rollback-journal file.
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
    return {
      sets: copy.prepare('SELECT count(*) FROM sets').pluck().get() as number,
      cards: copy.prepare('SELECT count(*) FROM cards').pluck().get() as number,
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      bytes: await fileSize(target),
    };
  } finally {
    copy.close();
  }
}

/**
 * Backs up the catalogue: SQLite online backup (consistent while other
 * connections write), streamed gzip + SHA-256 into a temp file (mode 0600,
 * fsynced), verification by restoring it to a temp file (`integrity_check` +
 * row counts), then rename into place and a JSON manifest beside it.
 *
 * @throws {@link InsufficientDiskSpaceError} before starting when the disk is too full
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const { backupDir, signal } = options;
  if (!(await stat(options.catalogPath).catch(() => undefined))) {
    throw new CatalogueNotReadyError(
      `Catalogue ${options.catalogPath} does not exist: nothing to back up (run sync-missing-sets first)`,
    );
  }
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  await ensureSpace(options);
  const createdAt = new Date(options.now());
  const name = backupFileName(createdAt);
  const id = randomUUID();
  const rawTemp = join(backupDir, `${TEMP_PREFIX}${id}.sqlite3`);
  const gzTemp = join(backupDir, `${TEMP_PREFIX}${id}.sqlite3.gz`);
  const verifyTemp = join(backupDir, `${TEMP_PREFIX}${id}-verify.sqlite3`);
  try {
    await options.onPhase?.('snapshot');
    const snapshot = await snapshotDatabase(options.catalogPath, rawTemp);
    const snapshotDone = performance.now();
    signal?.throwIfAborted();
    await options.onPhase?.('compress');
    const { sha256, bytes } = await gzipFile(rawTemp, gzTemp, { level: options.gzipLevel ?? 6, signal });
    await rm(rawTemp, { force: true });
    const compressDone = performance.now();
    const manifest: BackupManifest = {
      format: 1,
      createdBy: MANIFEST_CREATOR,
      file: name,
      createdAt: createdAt.toISOString(),
      sourcePath: options.catalogPath,
      sha256,
      bytes,
      uncompressedBytes: snapshot.bytes,
      schemaVersion: snapshot.schemaVersion,
      counts: { sets: snapshot.sets, cards: snapshot.cards },
      verified: false,
      verifiedAt: null,
    };
    const finalPath = join(backupDir, name);
    if (options.verify !== false) {
      await options.onPhase?.('verify');
      await restoreAndCheck(gzTemp, verifyTemp, signal, manifest);
      manifest.verified = true;
      manifest.verifiedAt = new Date(options.now()).toISOString();
    }
    const verifyDone = performance.now();
    await options.onPhase?.('publish');
    await rename(gzTemp, finalPath);
    await writeFileDurably(join(backupDir, manifestFileName(name)), `${JSON.stringify(manifest, null, 2)}\n`);
    await fsyncDirectory(backupDir);
    return {
      file: finalPath,
      manifest,
      timingsMs: {
        snapshot: Math.round(snapshotDone - started),
        compress: Math.round(compressDone - snapshotDone),
        verify: Math.round(verifyDone - compressDone),
        total: Math.round(performance.now() - started),
      },
      compressionRatio: Math.round((bytes / Math.max(1, snapshot.bytes)) * 1000) / 1000,
    };
  } finally {
    const temps = [rawTemp, gzTemp, verifyTemp].flatMap((p) => [p, `${p}-wal`, `${p}-shm`, `${p}-journal`]);
    await Promise.all(temps.map((p) => rm(p, { force: true })));
  }
}
