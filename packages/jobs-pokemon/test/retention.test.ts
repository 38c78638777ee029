import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, manifestFileName, parseBackupFileName } from '../src/backup/names.js';
import { selectBackupsToKeep } from '../src/backup/retention.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { makeContext } from './helpers/context.js';
import { tempDir } from './helpers/files.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const POLICY = { daily: 7, weekly: 4, monthly: 3 };

function dailyBackups(from: number, days: number, hour = 0) {
  return Array.from({ length: days }, (_, i) => {
    const createdAt = new Date(from + i * DAY + hour * HOUR);
    return { name: backupFileName(createdAt), createdAt, verified: true };
  });
}

describe('selectBackupsToKeep', () => {
  it('over a simulated year of daily backups keeps exactly 7 daily, 4 weekly, 3 monthly at every day', () => {
    const start = Date.UTC(2025, 0, 1);
    let kept = dailyBackups(start, 0);
    for (let day = 0; day < 365; day++) {
      const now = new Date(start + day * DAY + 30 * 60_000);
      kept = [...kept, ...dailyBackups(start + day * DAY, 1)];
      const { keep, remove } = selectBackupsToKeep(kept, POLICY, now);
      expect(keep.length + remove.length).toBe(kept.length);
      kept = kept.filter((b) => keep.some((k) => k.name === b.name));
      if (day >= 7 + 4 * 7 + 3 * 31) {
        const byReason = (r: string) => keep.filter((k) => k.reason === r).length;
        expect([byReason('daily'), byReason('weekly'), byReason('monthly')]).toEqual([7, 4, 3]);
        expect(keep).toHaveLength(14);
      }
    }
    // `kept` is oldest first.
    expect(kept.at(-1)!.createdAt.getTime()).toBe(start + 364 * DAY);
    // The weekly picks are in 4 distinct weeks older than the dailies; the monthly ones in 3 distinct months older still.
    const months = kept.slice(0, 3).map((b) => b.createdAt.toISOString().slice(0, 7));
    expect(new Set(months).size).toBe(3);
  });

  it('keeps the newest of each day when there are several per day', () => {
    const now = new Date(Date.UTC(2026, 0, 10, 23));
    const backups = [...dailyBackups(Date.UTC(2026, 0, 1), 10, 1), ...dailyBackups(Date.UTC(2026, 0, 1), 10, 13)];
    const { keep } = selectBackupsToKeep(backups, { daily: 3, weekly: 0, monthly: 0 }, now);
    expect(keep.map((b) => b.createdAt.toISOString())).toEqual([
      '2026-01-10T13:00:00.000Z',
      '2026-01-09T13:00:00.000Z',
      '2026-01-08T13:00:00.000Z',
    ]);
  });

  it('never removes the newest verified backup, and does not count unverified ones', () => {
    const backups = dailyBackups(Date.UTC(2026, 0, 1), 5);
    backups[4]!.verified = false;
    backups[3]!.verified = false;
    const { keep, remove } = selectBackupsToKeep(
      backups,
      { daily: 0, weekly: 0, monthly: 0 },
      new Date(Date.UTC(2026, 1, 1)),
    );
    expect(keep).toEqual([{ ...backups[2], reason: 'newest-verified' }]);
    expect(remove).toHaveLength(4);
  });

  it('keeps backups dated in the future (clock skew) and rejects a bad policy', () => {
    const backups = dailyBackups(Date.UTC(2026, 0, 1), 3);
    const { keep } = selectBackupsToKeep(
      backups,
      { daily: 1, weekly: 0, monthly: 0 },
      new Date(Date.UTC(2026, 0, 2, 12)),
    );
    expect(keep.map((b) => b.reason)).toEqual(['future', 'daily']);
    expect(() => selectBackupsToKeep(backups, { daily: -1, weekly: 0, monthly: 0 })).toThrow(
      'Expected retention `daily` to be a non-negative integer, got -1',
    );
  });

  it('round-trips backup file names', () => {
    const at = new Date(Date.UTC(2026, 4, 6, 7, 8, 9, 123));
    expect(parseBackupFileName(backupFileName(at))).toEqual(at);
    expect(parseBackupFileName('pokemon-catalogue-nope.sqlite3.gz')).toBeUndefined();
  });
});

describe('rotate-backups job', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    mkdirSync(join(dir, 'backups'));
  });
  afterEach(() => cleanup());

  function writeBackup(createdAt: Date, withManifest = true): string {
    const name = backupFileName(createdAt);
    writeFileSync(join(dir, 'backups', name), 'x'.repeat(100));
    if (withManifest) {
      const manifest = {
        format: 1,
        createdBy: '@pokemon/jobs-pokemon',
        file: name,
        createdAt: createdAt.toISOString(),
        sha256: 'a',
        bytes: 100,
        verified: true,
      };
      writeFileSync(join(dir, 'backups', manifestFileName(name)), JSON.stringify(manifest));
    }
    return name;
  }

  const job = (dryRun = false) =>
    createPokemonJobs({
      catalogPath: join(dir, 'c.sqlite3'),
      backupDir: join(dir, 'backups'),
      rotateDryRun: dryRun,
      retention: { daily: 2, weekly: 0, monthly: 0 },
    }).find((j) => j.name === 'rotate-backups')!;

  it('deletes old backups and their manifests, ignores files it did not create; dry run deletes nothing', async () => {
    const start = Date.UTC(2026, 0, 1);
    const names = [0, 1, 2, 3].map((d) => writeBackup(new Date(start + d * DAY)));
    const foreign = writeBackup(new Date(start - DAY), false); // our name, no manifest: not ours
    writeFileSync(join(dir, 'backups', 'notes.txt'), 'keep me');
    const now = () => start + 3 * DAY + HOUR;
    const preview = (await job(true).run(makeContext({ now }))) as {
      deleted: string[];
      bytesFreed: number;
      dryRun: boolean;
    };
    expect(preview).toMatchObject({ dryRun: true, deleted: [names[1], names[0]], bytesFreed: 200 });
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(10);
    const result = await job().run(makeContext({ now }));
    expect(result).toMatchObject({
      dryRun: false,
      deleted: [names[1], names[0]],
      kept: [
        { name: names[3], reason: 'daily' },
        { name: names[2], reason: 'daily' },
      ],
    });
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(
      [foreign, 'notes.txt', names[2]!, manifestFileName(names[2]!), names[3]!, manifestFileName(names[3]!)].sort(),
    );
    expect(await job().run(makeContext({ now }))).toMatchObject({ deleted: [] });
  });
});
