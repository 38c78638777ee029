import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../src/backup/create-backup.js';
import type { DiskSpaceProbe } from '../src/backup/disk-space.js';
import { BackupVerificationError, InsufficientDiskSpaceError } from '../src/backup/errors.js';
import { listBackups } from '../src/backup/list-backups.js';
import { restoreBackup } from '../src/backup/restore-backup.js';
import { verifyBackup } from '../src/backup/verify-backup.js';
import { openCatalog } from '../src/catalog/open-catalog.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { NotConfiguredError } from '../src/errors.js';
import { useSeededCatalogue } from './helpers/catalog.js';
import { makeContext } from './helpers/context.js';
import { FIXTURE_CARD_COUNT } from './helpers/files.js';

const plentyOfSpace: DiskSpaceProbe = async () => ({ freeBytes: 100e9, totalBytes: 200e9 });
const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);

describe('backups', () => {
  const seeded = useSeededCatalogue();
  let dir: string;
  let catalogPath: string;
  let backupDir: string;
  beforeEach(() => {
    ({ dir, catalogPath, backupDir } = seeded);
  });

  const backup = (now = T0) => createBackup({ catalogPath, backupDir, diskSpace: plentyOfSpace, now: () => now });

  it('writes a verified gzip backup (mode 0600) and a manifest; no temp file is left', async () => {
    const result = await backup();
    expect(result.file).toBe(join(backupDir, 'pokemon-catalogue-20261122T000000000Z.sqlite3.gz'));
    expect(statSync(result.file).mode & 0o777).toBe(0o600);
    expect(readFileSync(result.file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const manifest = JSON.parse(readFileSync(`${result.file}.manifest.json`, 'utf8'));
    expect(manifest).toMatchObject({
      createdBy: '@pokemon/jobs-pokemon',
      verified: true,
      counts: { sets: 5, cards: FIXTURE_CARD_COUNT },
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      bytes: statSync(result.file).size,
    });
    expect(statSync(`${result.file}.manifest.json`).mode & 0o777).toBe(0o600);
    expect(readdirSync(backupDir).sort()).toEqual([
      'pokemon-catalogue-20261122T000000000Z.sqlite3.gz',
      'pokemon-catalogue-20261122T000000000Z.sqlite3.gz.manifest.json',
    ]);
    expect((await verifyBackup(result.file)).counts).toEqual({ sets: 5, cards: FIXTURE_CARD_COUNT });
  });

  it('is consistent while another connection writes', async () => {
    const writer = openCatalog(catalogPath);
    const insert = writer.prepare(
      "INSERT INTO cards (id, set_id, name, supertype, number, extra, content_hash, synced_at) VALUES (?, 'si1', 'W', 'Pokémon', ?, '{}', 'h', '')",
    );
    // Grow the database so the backup takes several steps, then keep writing while it runs.
    writer.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(`seed-${i}`, String(i));
    })();
    let writes = 0;
    let writing = true;
    const loop = (): void => {
      if (!writing) return;
      insert.run(`live-${writes}`, String(writes));
      writes++;
      setImmediate(loop);
    };
    setImmediate(loop);
    try {
      const result = await backup();
      writing = false;
      const verified = await verifyBackup(result.file);
      expect(verified.counts.cards).toBe(result.manifest.counts.cards);
      expect(result.manifest.counts.cards).toBeGreaterThanOrEqual(FIXTURE_CARD_COUNT + 20_000);
    } finally {
      writing = false;
      writer.close();
    }
    expect(writes).toBeGreaterThan(0);
  });

  it('detects a corrupted backup in verify and in restore, leaving the catalogue untouched', async () => {
    const { file } = await backup();
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file, bytes);
    await expect(verifyBackup(file)).rejects.toBeInstanceOf(BackupVerificationError);
    await expect(verifyBackup(file)).rejects.toThrow(/is not usable: (cannot be decompressed|SHA-256 is)/);
    const before = readFileSync(catalogPath);
    await expect(restoreBackup({ backupFile: file, catalogPath })).rejects.toBeInstanceOf(BackupVerificationError);
    expect(readFileSync(catalogPath).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('.tmp'))).toEqual([]);
  });

  it('detects a manifest that does not match (row counts)', async () => {
    const { file } = await backup();
    const manifestPath = `${file}.manifest.json`;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.counts.cards = 1;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    await expect(verifyBackup(file)).rejects.toThrow(`cards: ${FIXTURE_CARD_COUNT} rows, the manifest says 1`);
  });

  it('restores a backup atomically, keeping the previous catalogue aside', async () => {
    const { file } = await backup();
    const db = openCatalog(catalogPath);
    db.exec("DELETE FROM cards WHERE set_id = 'si1'");
    db.close();
    const result = await restoreBackup({ backupFile: file, catalogPath, now: () => T0 });
    expect(result.counts.cards).toBe(FIXTURE_CARD_COUNT);
    const restored = new Database(catalogPath, { readonly: true });
    expect(restored.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(FIXTURE_CARD_COUNT);
    restored.close();
    const previous = new Database(result.previousPath!, { readonly: true });
    expect(previous.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(FIXTURE_CARD_COUNT - 18);
    previous.close();
  });

  it('restores with the file mode of the catalogue it replaces and says where that one was kept', async () => {
    const { file } = await backup();
    chmodSync(catalogPath, 0o640);
    const result = await restoreBackup({ backupFile: file, catalogPath, now: () => T0 });
    expect(statSync(catalogPath).mode & 0o777).toBe(0o640);
    expect(result.previousPath).toBe(join(dir, 'catalogue.sqlite3.before-restore-20261122T000000000Z'));
    expect(statSync(result.previousPath!).mode & 0o777).toBe(0o640);
  });

  it('restores onto a fresh machine (no catalogue, no directory yet)', async () => {
    const { file } = await backup();
    const target = join(dir, 'fresh', 'data', 'catalogue.sqlite3');
    const result = await restoreBackup({ backupFile: file, catalogPath: target });
    expect(result).toMatchObject({
      catalogPath: target,
      previousPath: undefined,
      counts: { cards: FIXTURE_CARD_COUNT },
    });
    const db = openCatalog(target);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses to start when free disk space is below the expected size', async () => {
    const full: DiskSpaceProbe = async () => ({ freeBytes: 1000, totalBytes: 200e9 });
    const error = await createBackup({ catalogPath, backupDir, diskSpace: full, now: () => T0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InsufficientDiskSpaceError);
    expect((error as Error).message).toMatch(new RegExp(`Not enough free disk space in ${backupDir}.*1000 free`));
    expect(await listBackups(backupDir)).toEqual([]);
    expect(readdirSync(backupDir)).toEqual([]);
  });

  it('the job returns the result, and says what to set without backupDir', async () => {
    const [job] = createPokemonJobs({ catalogPath, backupDir, diskSpace: plentyOfSpace }).filter(
      (j) => j.name === 'backup-database',
    );
    const ctx = makeContext({ now: () => T0 });
    const result = (await job!.run(ctx)) as { manifest: { verified: boolean } };
    expect(result.manifest.verified).toBe(true);
    expect(ctx.heartbeats).toEqual([
      { phase: 'snapshot' },
      { phase: 'compress' },
      { phase: 'verify' },
      { phase: 'publish' },
    ]);
    const [unconfigured] = createPokemonJobs({ catalogPath }).filter((j) => j.name === 'backup-database');
    const error = await Promise.resolve(unconfigured!.run(makeContext())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotConfiguredError);
    expect((error as Error).message).toMatch(/set `backupDir` \(runner: POKEMON_CRON_BACKUP_DIR\)/);
  });
});
