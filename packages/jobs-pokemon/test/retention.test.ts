import { describe, expect, it } from 'vitest';
import { backupFileName, parseBackupFileName } from '../src/backup/names.js';
import { selectBackupsToKeep } from '../src/backup/retention.js';

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

  it('a corrupt newest backup never displaces the good one (keep-daily 1): kept for inspection, not counted', () => {
    const [good, corrupt] = dailyBackups(Date.UTC(2026, 0, 1), 2);
    corrupt!.verified = false;
    const { keep, remove } = selectBackupsToKeep(
      [good!, corrupt!],
      { daily: 1, weekly: 0, monthly: 0 },
      new Date(Date.UTC(2026, 0, 2, 1)),
    );
    expect(keep.map((b) => [b.name, b.reason])).toEqual([
      [corrupt!.name, 'failed-verification'],
      [good!.name, 'daily'],
    ]);
    expect(remove).toEqual([]);
    // Once older than `daily` days, a failed backup is removed; the good one stays.
    const later = selectBackupsToKeep(
      [good!, corrupt!],
      { daily: 1, weekly: 0, monthly: 0 },
      new Date(Date.UTC(2026, 0, 3, 1)),
    );
    expect(later.keep.map((b) => [b.name, b.reason])).toEqual([[good!.name, 'daily']]);
    expect(later.remove.map((b) => b.name)).toEqual([corrupt!.name]);
  });

  it('removes nothing when no backup is verified', () => {
    const backups = dailyBackups(Date.UTC(2025, 0, 1), 60).map((b) => ({ ...b, verified: false }));
    const { keep, remove } = selectBackupsToKeep(backups, POLICY, new Date(Date.UTC(2026, 0, 1)));
    expect(remove).toEqual([]);
    expect(new Set(keep.map((b) => b.reason))).toEqual(new Set(['no-verified-backup']));
  });

  it('over three years of daily backups, some corrupt, corrupt ones never take a tier nor displace a good one', () => {
    const start = Date.UTC(2026, 0, 1);
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let present: { name: string; createdAt: Date; verified: boolean }[] = [];
    for (let day = 0; day < 3 * 366; day++) {
      const now = new Date(start + day * DAY + 2 * HOUR);
      present.push({ ...dailyBackups(start + day * DAY, 1)[0]!, verified: random() > 0.2 });
      const { keep, remove } = selectBackupsToKeep(present, POLICY, now);
      const good = present.filter((b) => b.verified);
      const newestGood = good.reduce((a, b) => (a && a.createdAt > b.createdAt ? a : b), good[0]);
      const kept = new Map(keep.map((k) => [k.name, k.reason]));
      if (newestGood) expect(kept.has(newestGood.name)).toBe(true);
      for (const k of keep) {
        if (['daily', 'weekly', 'monthly'].includes(k.reason)) expect(k.verified).toBe(true);
        if (k.reason === 'failed-verification') expect(now.getTime() - k.createdAt.getTime()).toBeLessThan(7 * DAY);
      }
      // The tiers are exactly what the good backups alone would give: a corrupt one changes nothing.
      const goodOnly = selectBackupsToKeep(good, POLICY, now).keep.map((k) => [k.name, k.reason]);
      expect(keep.filter((k) => k.verified).map((k) => [k.name, k.reason])).toEqual(goodOnly);
      expect(remove.every((b) => !kept.has(b.name))).toBe(true);
      present = present.filter((b) => kept.has(b.name));
      if (day > 7 + 4 * 7 + 3 * 31) expect(keep.filter((k) => k.verified)).toHaveLength(14);
    }
  });

  it('round-trips backup file names', () => {
    const at = new Date(Date.UTC(2026, 4, 6, 7, 8, 9, 123));
    expect(parseBackupFileName(backupFileName(at))).toEqual(at);
    expect(parseBackupFileName('pokemon-catalogue-nope.sqlite3.gz')).toBeUndefined();
  });
});
