import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../src/catalog/open-catalog.js';
import { createPokemonJobs } from '../src/create-jobs.js';
import { IntegrityCheckFailedError } from '../src/integrity/errors.js';
import type { IntegrityReport } from '../src/integrity/findings.js';
import type { CleanupResult } from '../src/jobs/cleanup-stale-data.js';
import { directorySource } from '../src/sources/directory.js';
import { seedCatalog } from './helpers/catalog.js';
import { makeContext } from './helpers/context.js';
import { FIXTURE_DIR, tempDir } from './helpers/files.js';

const DAY = 86_400_000;

describe('cleanup-stale-data', () => {
  let dir: string;
  let cleanup: () => void;
  let catalogPath: string;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    catalogPath = join(dir, 'catalogue.sqlite3');
    await seedCatalog(catalogPath);
  });
  afterEach(() => cleanup());

  it('checkpoints, vacuums, analyzes, prunes history past 90 days, removes stale temp files, reports bytes', async () => {
    const db = openCatalog(catalogPath);
    const insert = db.prepare(
      "INSERT INTO cards (id, set_id, name, supertype, number, extra, content_hash, synced_at) VALUES (?, 'si1', ?, 'Pokémon', ?, '{}', 'h', '')",
    );
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`bulk-${i}`, 'x'.repeat(500), String(i));
    })();
    db.exec("DELETE FROM cards WHERE id LIKE 'bulk-%'");
    db.close();
    const backupDir = join(dir, 'backups');
    mkdirSync(backupDir);
    const now = Date.now();
    const stale = join(backupDir, '.tmp-pokemon-crashed.sqlite3');
    const fresh = join(backupDir, '.tmp-pokemon-in-progress.sqlite3');
    const other = join(backupDir, 'someone-elses.tmp');
    for (const path of [stale, fresh, other]) writeFileSync(path, 'x'.repeat(1000));
    utimesSync(stale, new Date(now - 2 * DAY), new Date(now - 2 * DAY));
    utimesSync(other, new Date(now - 2 * DAY), new Date(now - 2 * DAY));
    const pruned: Date[] = [];
    const job = createPokemonJobs({
      catalogPath,
      backupDir,
      pruneHistory: async (olderThan) => {
        pruned.push(olderThan);
        return 42;
      },
    }).find((j) => j.name === 'cleanup-stale-data')!;
    const result = (await job.run(makeContext({ now: () => now }))) as CleanupResult;
    expect(result.catalog.bytesReclaimed).toBeGreaterThan(1_000_000);
    expect(result.catalog.bytesAfter).toBeLessThan(result.catalog.bytesBefore);
    expect(result.history).toEqual({ olderThan: new Date(now - 90 * DAY).toISOString(), deletedRuns: 42 });
    expect(pruned).toEqual([new Date(now - 90 * DAY)]);
    expect(result.tempFiles).toEqual({ removed: [stale], bytes: 1000 });
    expect(result.bytesReclaimed).toBe(result.catalog.bytesReclaimed + 1000);
    expect([existsSync(stale), existsSync(fresh), existsSync(other)]).toEqual([false, true, true]);
    const again = (await job.run(makeContext({ now: () => now }))) as CleanupResult;
    expect(again.tempFiles.removed).toEqual([]);
    expect(again.catalog.bytesReclaimed).toBeLessThan(result.catalog.bytesReclaimed / 10);
  });

  it('says history pruning is skipped without a pruneHistory callback', async () => {
    const job = createPokemonJobs({ catalogPath }).find((j) => j.name === 'cleanup-stale-data')!;
    const result = (await job.run(makeContext())) as CleanupResult;
    expect(result.history).toEqual({ skipped: expect.stringContaining('no pruneHistory callback') });
  });
});

describe('validate-data-integrity', () => {
  let dir: string;
  let cleanup: () => void;
  let catalogPath: string;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    catalogPath = join(dir, 'catalogue.sqlite3');
    await seedCatalog(catalogPath);
  });
  afterEach(() => cleanup());

  const run = async () => {
    const alerts: unknown[] = [];
    const job = createPokemonJobs({
      catalogPath,
      source: directorySource(FIXTURE_DIR),
      notify: async (alert) => {
        alerts.push(alert);
      },
    }).find((j) => j.name === 'validate-data-integrity')!;
    return { report: (await job.run(makeContext())) as IntegrityReport, alerts };
  };

  it('finds the real data clean, with the legitimate duplicate numbers of cel25c as a warning', async () => {
    const { report, alerts } = await run();
    expect(report.clean).toBe(true);
    expect(report.findings.duplicateNumbers).toMatchObject({ count: 1, samples: ['cel25c/15'], severity: 'warning' });
    for (const name of [
      'orphanedCards',
      'missingRequiredFields',
      'invalidJson',
      'foreignKeyViolations',
      'incompleteSets',
    ]) {
      expect(report.findings[name]!.count).toBe(0);
    }
    expect(alerts).toMatchObject([{ severity: 'info', key: 'pokemon:integrity' }]);
    expect((await run()).report).toMatchObject({ clean: true });
  });

  it('fails the run on error findings: a non-retryable IntegrityCheckFailedError naming them, the report as its data', async () => {
    const db = openCatalog(catalogPath);
    db.pragma('foreign_keys = OFF');
    db.exec(`
      INSERT INTO cards (id, set_id, name, supertype, number, extra, content_hash, synced_at) VALUES ('ghost-1', 'ghost', 'Ghost', 'Pokémon', '1', '{}', 'h', '');
      UPDATE cards SET attacks = '[{"name":' WHERE id = 'si1-2';
      UPDATE cards SET name = '' WHERE id = 'pop1-3';
      DELETE FROM cards WHERE id = 'tk1a-1';
    `);
    db.close();
    const error = (await run().catch((e: unknown) => e)) as IntegrityCheckFailedError;
    expect(error).toBeInstanceOf(IntegrityCheckFailedError);
    expect(error).toMatchObject({ code: 'INTEGRITY_CHECK_FAILED', retryable: false });
    expect(error.message).toMatch(/^Catalogue integrity: 6 error finding\(s\): orphanedCards: 1 \(cards whose set_id/);
    for (const name of ['missingRequiredFields: 1', 'invalidJson: 1', 'staleContentHashes: 3', 'incompleteSets: 1']) {
      expect(error.message).toContain(name);
    }
    expect(error.message).not.toContain('duplicateNumbers');
    const report = error.data;
    expect(report.clean).toBe(false);
    expect(report.findings.orphanedCards).toMatchObject({ count: 1, samples: ['ghost-1'] });
    expect(report.findings.foreignKeyViolations!.count).toBe(1);
    expect(report.findings.invalidJson).toMatchObject({ count: 1, samples: ['si1-2:attacks'] });
    expect(report.findings.missingRequiredFields).toMatchObject({ count: 1, samples: ['pop1-3'] });
    expect(report.findings.incompleteSets).toMatchObject({ count: 1, samples: ['tk1a (9/10)'] });
    // Edited rows whose hash was not updated (and a row inserted with a wrong one) are recomputed and reported.
    expect(report.findings.staleContentHashes).toMatchObject({
      count: 3,
      samples: ['ghost-1', 'pop1-3', 'si1-2'],
      severity: 'error',
    });
    // The run's history keeps the report as JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('finds a hash edited to a wrong value, and an edit to a set, as stale content hashes', async () => {
    const db = openCatalog(catalogPath);
    db.exec(`
      UPDATE cards SET content_hash = 'not-the-hash' WHERE id = 'mep-1';
      UPDATE sets SET name = 'Renamed' WHERE id = 'si1';
    `);
    db.close();
    const error = (await run().catch((e: unknown) => e)) as IntegrityCheckFailedError;
    expect(error.data.findings.staleContentHashes).toMatchObject({ count: 2, samples: ['mep-1', 'set:si1'] });
  });
});
