import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.js';
import { formatBytes } from '../src/output/format.js';
import { describeResult } from '../src/output/result-words.js';
import { fitColumns, renderTable } from '../src/output/table.js';

const widthOf = (text: string): number => Math.max(...text.split('\n').map((line) => [...line].length));

describe('tables fitted to the terminal', () => {
  const rows = [
    ['sync-missing-cards', 'inserted 1,200 cards into 14 sets whose catalogue count was below the source', 'ok'],
    ['backup-database', 'pokemon-2026-03-02T00-00-00Z.sqlite3.gz written and verified', 'ok'],
  ];

  it.each([40, 60, 80])('keeps every row within %i columns, wrapping or cutting cells', (width) => {
    const table = renderTable(['job', 'result', 'status'], rows, width);
    expect(widthOf(table)).toBeLessThanOrEqual(width);
    expect(table).toMatch(/│ sync-missi/);
    expect(table).toMatch(/│ backup-dat/);
  });

  it('leaves a table that fits (or piped output, without a width) as it is', () => {
    expect(renderTable(['a'], [['b']], 80)).toBe(renderTable(['a'], [['b']]));
    expect(widthOf(renderTable(['job', 'result', 'status'], rows))).toBeGreaterThan(80);
  });

  it('shrinks the widest columns first', () => {
    expect(fitColumns([10, 50, 6], 50)).toEqual([10, 30, 6]);
  });
});

describe('results in words', () => {
  it.each([
    [{ inserted: 1200, updated: 0, setsChecked: 172 }, 'inserted 1,200, updated 0, sets checked 172'],
    [
      { configured: false, reason: 'PRIMARY_DATABASE_URL not set' },
      'configured no, reason PRIMARY_DATABASE_URL not set',
    ],
    [{ kept: ['a', 'b'], removed: [] }, 'kept 2, removed 0'],
    [{ counts: { sets: 1 } }, '1 field(s); see --json'],
    [{ bytesReclaimed: 5_452_595, files: 3 }, 'bytes reclaimed 5.2 MiB, files 3'],
    [undefined, ''],
  ])('%j → %s', (result, words) => {
    expect(describeResult(result)).toBe(words);
  });
});

describe('pretty log', () => {
  it('shows a result as one line of words, not the whole object', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'cron-runner-log-')), 'log.txt');
    const fd = openSync(file, 'w');
    const logger = createLogger({ log: { level: 'info', format: 'pretty' } }, { fd, isTTY: false });
    logger.info({ job: 'sync', result: { inserted: 12, sets: { sv1: 3, sv2: 9 } } }, 'run succeeded');
    closeSync(fd);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('result: inserted 12');
    expect(text).not.toContain('sv1');
  });
});

describe('human sizes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [2048, '2.0 KiB'],
    [4_404_019, '4.2 MiB'],
    [52_428_800, '50 MiB'],
    [3 * 1024 ** 3, '3.0 GiB'],
    [undefined, '-'],
  ])('%s bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
