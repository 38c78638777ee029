import { readFileSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../src/backup/create-backup.js';
import { verifyAndRecord } from '../src/backup/verify-and-record.js';
import { checkBackup } from '../src/health/check-backup.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../src/health/check-types.js';
import { useSeededCatalogue } from './helpers/catalog.js';
import { corruptFile } from './helpers/files.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);

describe('health check: backup age', () => {
  const seeded = useSeededCatalogue();
  let catalogPath: string;
  let backupDir: string;
  beforeEach(() => {
    ({ catalogPath, backupDir } = seeded);
  });

  const backup = async (at: number) =>
    (
      await createBackup({
        catalogPath,
        backupDir,
        diskSpace: async () => ({ freeBytes: 100e9, totalBytes: 200e9 }),
        now: () => at,
      })
    ).file;

  it('ages the newest backup known good, not one whose verification failed, and names the failed one', async () => {
    const older = await backup(T0 - 30 * HOUR);
    const newest = await backup(T0 - HOUR);
    corruptFile(newest);
    await verifyAndRecord(newest, { now: () => T0 - HOUR / 2 });
    const check = await checkBackup(backupDir, T0, DEFAULT_HEALTH_THRESHOLDS);
    expect(check.status).toBe('critical');
    expect(check.message).toMatch(
      new RegExp(
        `^Newest verified backup ${older.slice(backupDir.length + 1)} is 30\\.0 h old \\(> 26 h\\); backup ${newest.slice(backupDir.length + 1)} failed verification at 2026-11-21T23:30:00.000Z: `,
      ),
    );
    expect(check.details).toMatchObject({ ageMs: 30 * HOUR, failed: { at: '2026-11-21T23:30:00.000Z' } });
  });

  it('warns about a failed backup even when a fresh good one exists', async () => {
    const bad = await backup(T0 - 3 * HOUR);
    await backup(T0 - HOUR);
    corruptFile(bad);
    await verifyAndRecord(bad, { now: () => T0 });
    const check = await checkBackup(backupDir, T0, DEFAULT_HEALTH_THRESHOLDS);
    expect(check.status).toBe('warning');
    expect(check.message).toMatch(/is 1\.0 h old; backup .* failed verification at .*see `backups list`/);
  });

  it('is ok again once a failed backup passes a later verification', async () => {
    const file = await backup(T0 - HOUR);
    const original = readFileSync(file);
    corruptFile(file);
    await verifyAndRecord(file, { now: () => T0 - HOUR / 2 });
    expect((await checkBackup(backupDir, T0, DEFAULT_HEALTH_THRESHOLDS)).status).toBe('critical');
    writeFileSync(file, original); // e.g. a transient read error
    await verifyAndRecord(file, { now: () => T0 });
    expect((await checkBackup(backupDir, T0, DEFAULT_HEALTH_THRESHOLDS)).status).toBe('ok');
  });
});
