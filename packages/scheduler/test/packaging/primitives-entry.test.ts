/**
 * `@pokemon/scheduler/primitives` gives retry/withTimeout/resolveDependencies without the cron
 * machinery: importing it (the BUILT package, resolved through node_modules as a user's project
 * would) loads neither cron-parser nor luxon (its date library), while the root entry does.
 * cron-parser and luxon are CommonJS, so whatever loaded them is listed in `require.cache`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkg = path.resolve(import.meta.dirname, '../..');
let consumer: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(pkg, 'dist', 'primitives.js'))) {
    throw new Error(`@pokemon/scheduler is not built (${pkg}/dist/primitives.js missing): run \`pnpm build\` first.`);
  }
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'primitives-consumer-'));
  fs.mkdirSync(path.join(consumer, 'node_modules', '@pokemon'), { recursive: true });
  fs.symlinkSync(pkg, path.join(consumer, 'node_modules', '@pokemon', 'scheduler'), 'dir');
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'commonjs' }));
});

afterAll(() => {
  fs.rmSync(consumer, { recursive: true, force: true });
});

/** Imports `specifier` in a fresh node and returns the cron packages then loaded, and what it exports. */
function importIn(specifier: string): { cron: string[]; exports: string[] } {
  const script = `import(${JSON.stringify(specifier)}).then((m) => {
    const cron = new Set(Object.keys(require.cache).flatMap((f) => f.match(/[\\\\/]node_modules[\\\\/](cron-parser|luxon)[\\\\/]/)?.[1] ?? []));
    process.stdout.write(JSON.stringify({ cron: [...cron].sort(), exports: Object.keys(m).sort() }));
  });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: consumer, encoding: 'utf8' }));
}

describe('@pokemon/scheduler/primitives', () => {
  it('loads neither cron-parser nor luxon', () => {
    const { cron, exports } = importIn('@pokemon/scheduler/primitives');
    expect(exports).toEqual(expect.arrayContaining(['retry', 'withTimeout', 'resolveDependencies']));
    expect(cron).toEqual([]);
  });

  it('while the root entry loads both (the probe sees them)', () => {
    const { cron, exports } = importIn('@pokemon/scheduler');
    expect(exports).toEqual(expect.arrayContaining(['retry', 'withTimeout', 'parseSchedule']));
    expect(cron).toEqual(['cron-parser', 'luxon']);
  });

  it('retry and withTimeout work from the built subpath', () => {
    // Nothing else holds the process open: its waits must (a plain script awaiting retry() does not exit mid-backoff).
    const script = `import('@pokemon/scheduler/primitives').then(async ({ retry, withTimeout, NonRetryableError }) => {
      let calls = 0;
      const value = await retry(async () => { if (++calls < 3) throw new Error('flaky'); return 'ok'; }, { attempts: 3, initialDelayMs: 20, jitter: false });
      const timedOut = await withTimeout(() => new Promise(() => {}), 5).catch((e) => e.code);
      const stopped = await retry(async () => { throw new NonRetryableError('no'); }, { attempts: 5 }).catch((e) => e.code);
      process.stdout.write(JSON.stringify([value, calls, timedOut, stopped]));
    });`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: consumer, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['ok', 3, 'TIMEOUT', 'NON_RETRYABLE']);
  });
});
