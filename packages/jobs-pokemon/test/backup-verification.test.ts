import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../src/backup/create-backup.js';
import { BackupVerificationError, TargetWriteError } from '../src/backup/errors.js';
import { listBackups } from '../src/backup/list-backups.js';
import { verifyAndRecord } from '../src/backup/verify-and-record.js';
import { verifyBackup } from '../src/backup/verify-backup.js';
import { seedCatalog } from './helpers/catalog.js';
import { corruptFile, FIXTURE_CARD_COUNT, tempDir } from './helpers/files.js';
import { makeReadOnly } from './helpers/read-only.js';

const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const HOUR = 3_600_000;

describe('backup verification', () => {
  let dir: string;
  let cleanup: () => void;
  let catalogPath: string;
  let backupDir: string;
  let undoReadOnly: (() => void) | undefined;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    catalogPath = join(dir, 'catalogue.sqlite3');
    backupDir = join(dir, 'backups');
    await seedCatalog(catalogPath);
  });
  afterEach(() => {
    undoReadOnly?.();
    undoReadOnly = undefined;
    cleanup();
  });

  const backup = (now = T0) =>
    createBackup({
      catalogPath,
      backupDir,
      diskSpace: async () => ({ freeBytes: 100e9, totalBytes: 200e9 }),
      now: () => now,
    });

  it('records a passed and a failed verification beside the backup; listBackups reports the last one', async () => {
    const { file } = await backup();
    const passed = await verifyAndRecord(file, { now: () => T0 + HOUR });
    expect(passed).toMatchObject({ record: { ok: true, at: new Date(T0 + HOUR).toISOString(), reason: null } });
    expect(passed.recordError).toBeUndefined();
    expect((await listBackups(backupDir))[0]!.lastVerification).toEqual({
      ok: true,
      at: new Date(T0 + HOUR),
      reason: null,
      source: 'verify',
    });
    corruptFile(file);
    const failed = await verifyAndRecord(file, { now: () => T0 + 2 * HOUR });
    expect(failed.record).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/cannot be decompressed|SHA-256 is/),
    });
    const [entry] = await listBackups(backupDir);
    // The manifest still says "verified at creation"; the recorded failure wins.
    expect(entry!.manifest.verified).toBe(true);
    expect(entry).toMatchObject({
      verified: false,
      lastVerification: { ok: false, at: new Date(T0 + 2 * HOUR), reason: failed.record.reason, source: 'verify' },
    });
    expect(JSON.parse(readFileSync(`${file}.verification.json`, 'utf8'))).toMatchObject({ ok: false });
  });

  it('a backup never verified after creation is listed as such', async () => {
    const { file } = await createBackup({
      catalogPath,
      backupDir,
      diskSpace: async () => ({ freeBytes: 100e9, totalBytes: 200e9 }),
      now: () => T0,
      verify: false,
    });
    expect((await listBackups(backupDir))[0]).toMatchObject({
      verified: false,
      lastVerification: { ok: false, at: null, source: 'none' },
    });
    await verifyAndRecord(file, { now: () => T0 });
    expect((await listBackups(backupDir))[0]).toMatchObject({ verified: true });
  });

  it('verifies a backup in a read-only backup directory: the temp copy goes to the temp directory', async () => {
    const { file } = await backup();
    undoReadOnly = makeReadOnly(backupDir);
    expect(() => writeFileSync(join(backupDir, 'probe'), 'x')).toThrow();
    expect((await verifyBackup(file)).counts).toEqual({ sets: 5, cards: FIXTURE_CARD_COUNT });
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    expect((await verifyBackup(file, { tempDir: tmp })).counts.cards).toBe(FIXTURE_CARD_COUNT);
    expect(readdirSync(tmp)).toEqual([]);
    // The outcome stands; only its record could not be written.
    const recorded = await verifyAndRecord(file, { tempDir: tmp });
    expect(recorded.record.ok).toBe(true);
    expect(recorded.recordError).toBeInstanceOf(Error);
    expect(readdirSync(backupDir).sort()).toEqual([
      'pokemon-catalogue-20261122T000000000Z.sqlite3.gz',
      'pokemon-catalogue-20261122T000000000Z.sqlite3.gz.manifest.json',
    ]);
  });

  it('a temp directory that cannot be written is not the backup failing: nothing is recorded', async () => {
    const { file } = await backup();
    const missing = join(dir, 'no-such-dir');
    const error = await verifyBackup(file, { tempDir: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetWriteError);
    expect(error).not.toBeInstanceOf(BackupVerificationError);
    expect((error as Error).message).toMatch(/Cannot write the temporary copy .*no-such-dir.* \(ENOENT\)/);
    await expect(verifyAndRecord(file, { tempDir: missing })).rejects.toBeInstanceOf(TargetWriteError);
    expect(existsSync(`${file}.verification.json`)).toBe(false);
  });
});
