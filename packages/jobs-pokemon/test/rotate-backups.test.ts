import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../src/backup/create-backup.js';
import { backupFileName, manifestFileName } from '../src/backup/names.js';
import type { RetentionPolicy } from '../src/backup/retention.js';
import { verifyAndRecord } from '../src/backup/verify-and-record.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import type { RotateResult } from '../src/jobs/rotate-backups.js';
import { useSeededCatalogue } from './helpers/catalog.js';
import { makeContext } from './helpers/context.js';
import { corruptFile } from './helpers/files.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);

describe('rotate-backups job', () => {
  const seeded = useSeededCatalogue();
  let dir: string;
  let catalogPath: string;
  let backupDir: string;
  beforeEach(() => {
    ({ dir, catalogPath, backupDir } = seeded);
  });

  const backup = async (at: number, verify = true): Promise<string> =>
    (
      await createBackup({
        catalogPath,
        backupDir,
        diskSpace: async () => ({ freeBytes: 100e9, totalBytes: 200e9 }),
        now: () => at,
        verify,
      })
    ).file;
  const rotate = async (retention: Partial<RetentionPolicy>, now: number, dryRun = false): Promise<RotateResult> => {
    const job = createPokemonJobs({
      catalogPath,
      backupDir,
      rotateDryRun: dryRun,
      retention: { daily: 2, weekly: 0, monthly: 0, ...retention },
    }).find((j) => j.name === 'rotate-backups')!;
    return (await job.run(makeContext({ now: () => now }))) as RotateResult;
  };
  const names = (files: string[]) => files.map((f) => f.slice(backupDir.length + 1));

  it('keeps the only good backup when the newest is corrupt (keep-daily 1), and records why', async () => {
    const [good, bad] = names([await backup(START), await backup(START + DAY)]);
    corruptFile(join(backupDir, bad!));
    const result = await rotate({ daily: 1 }, START + DAY + HOUR);
    expect(result.kept).toEqual([
      { name: bad, reason: 'failed-verification' },
      { name: good, reason: 'daily' },
    ]);
    expect(result.deleted).toEqual([]);
    expect(result.verified).toEqual([
      { name: bad, ok: false, reason: expect.stringMatching(/cannot be decompressed|SHA-256 is/) },
      { name: good, ok: true, reason: null },
    ]);
    expect(JSON.parse(readFileSync(join(backupDir, `${bad}.verification.json`), 'utf8'))).toMatchObject({ ok: false });
    // A week later the corrupt one is gone and the good one is still there (the newest good one).
    const later = await rotate({ daily: 1 }, START + 8 * DAY);
    expect(later).toMatchObject({ kept: [{ name: good, reason: 'daily' }], deleted: [bad] });
    expect(existsSync(join(backupDir, `${bad}.verification.json`))).toBe(false);
  });

  it('re-verifies a backup that passed before, and the next good one takes its tier', async () => {
    const files = [await backup(START), await backup(START + DAY), await backup(START + 2 * DAY)];
    const [oldest, middle, newest] = names(files);
    await verifyAndRecord(files[2]!, { now: () => START + 2 * DAY });
    corruptFile(files[2]!);
    const result = await rotate({ daily: 2 }, START + 2 * DAY + HOUR);
    expect(result.kept).toEqual([
      { name: newest, reason: 'failed-verification' },
      { name: middle, reason: 'daily' },
      { name: oldest, reason: 'daily' },
    ]);
    expect(result.verified.map((v) => [v.name, v.ok])).toEqual([
      [newest, false],
      [middle, true],
      [oldest, true],
    ]);
  });

  it('verifies a backup never verified and counts it when it is good', async () => {
    const [old] = names([await backup(START)]);
    const [fresh] = names([await backup(START + DAY, false)]);
    const result = await rotate({ daily: 1 }, START + DAY + HOUR);
    expect(result).toMatchObject({ kept: [{ name: fresh, reason: 'daily' }], deleted: [old] });
    expect(result.verified.map((v) => [v.name, v.ok])).toEqual([[fresh, true]]);
  });

  it('deletes old backups and their files, ignores files it did not create; dry run deletes nothing', async () => {
    const files = names(await Promise.all([0, 1, 2, 3].map((d) => backup(START + d * DAY))));
    const foreign = backupFileName(new Date(START - DAY)); // our name, no manifest: not ours
    writeFileSync(join(backupDir, foreign), 'x');
    writeFileSync(join(backupDir, 'notes.txt'), 'keep me');
    await verifyAndRecord(join(backupDir, files[0]!));
    const now = START + 3 * DAY + HOUR;
    const preview = await rotate({}, now, true);
    expect(preview).toMatchObject({ dryRun: true, deleted: [files[1], files[0]] });
    expect(preview.bytesFreed).toBeGreaterThan(0);
    // Nothing deleted; the dry run still verified (and recorded) what it relies on.
    expect(readdirSync(backupDir)).toHaveLength(13);
    const result = await rotate({}, now);
    expect(result).toMatchObject({
      dryRun: false,
      deleted: [files[1], files[0]],
      kept: [
        { name: files[3], reason: 'daily' },
        { name: files[2], reason: 'daily' },
      ],
    });
    const recorded = (n: string) => [n, manifestFileName(n), `${n}.verification.json`];
    expect(readdirSync(backupDir).sort()).toEqual(
      [foreign, 'notes.txt', ...recorded(files[2]!), ...recorded(files[3]!)].sort(),
    );
    expect(await rotate({}, now)).toMatchObject({ deleted: [] });
  });

  it('deletes nothing when the temp directory cannot hold a verification copy', async () => {
    const files = names([await backup(START), await backup(START + DAY), await backup(START + 2 * DAY)]);
    const job = createPokemonJobs({
      catalogPath,
      backupDir,
      retention: { daily: 1, weekly: 0, monthly: 0 },
    }).find((j) => j.name === 'rotate-backups')!;
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = join(dir, 'missing-tmp');
    try {
      await expect(job.run(makeContext({ now: () => START + 2 * DAY + HOUR }))).rejects.toThrow(
        /Cannot write the temporary copy/,
      );
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    expect(readdirSync(backupDir).filter((n) => n.endsWith('.gz'))).toEqual(files);
  });
});
