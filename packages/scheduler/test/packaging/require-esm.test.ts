/**
 * The packages are ESM-only; CommonJS services load them with `require()` on Node >= 20.19
 * (require(esm)). This spawns a real CommonJS consumer against the BUILT packages, resolved
 * through node_modules as a user's project would.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../../..');
const packages = {
  '@pokemon/scheduler': path.join(repo, 'packages/scheduler'),
  '@pokemon/jobs-pokemon': path.join(repo, 'packages/jobs-pokemon'),
  '@pokemon/cron-runner': path.join(repo, 'apps/runner'),
};
let consumer: string;

beforeAll(() => {
  for (const [name, dir] of Object.entries(packages)) {
    if (!fs.existsSync(path.join(dir, 'dist', 'index.js'))) {
      throw new Error(`${name} is not built (${dir}/dist missing): run \`pnpm build\` before the tests.`);
    }
  }
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'cjs-consumer-'));
  fs.mkdirSync(path.join(consumer, 'node_modules', '@pokemon'), { recursive: true });
  for (const [name, dir] of Object.entries(packages)) {
    fs.symlinkSync(dir, path.join(consumer, 'node_modules', name), 'dir');
  }
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'cjs-consumer', type: 'commonjs' }));
});

afterAll(() => {
  fs.rmSync(consumer, { recursive: true, force: true });
});

function requireIn(specifier: string, expression: string): string {
  const script = `const m = require(${JSON.stringify(specifier)}); process.stdout.write(String(${expression}));`;
  fs.writeFileSync(path.join(consumer, 'check.cjs'), script);
  return execFileSync(process.execPath, ['check.cjs'], { cwd: consumer, encoding: 'utf8' });
}

describe('CommonJS consumers (require(esm), Node >= 20.19)', () => {
  it('require("@pokemon/scheduler") gives defineJob and createScheduler', () => {
    expect(requireIn('@pokemon/scheduler', 'typeof m.defineJob + "," + typeof m.createScheduler')).toBe(
      'function,function',
    );
  });

  it('require("@pokemon/scheduler") does not load a database driver', () => {
    const loaded = requireIn(
      '@pokemon/scheduler',
      'Object.keys(require.cache).filter((f) => /better-sqlite3|[\\\\/]pg[\\\\/]/.test(f)).length',
    );
    expect(loaded).toBe('0');
  });

  it('require() of the /sqlite, /postgres and /slack subpaths works', () => {
    expect(requireIn('@pokemon/scheduler/sqlite', 'typeof m.createSqliteStore')).toBe('function');
    expect(requireIn('@pokemon/scheduler/postgres', 'typeof m.createPostgresStore')).toBe('function');
    expect(requireIn('@pokemon/scheduler/slack', 'typeof m.slackNotifier')).toBe('function');
  });

  it('require("@pokemon/jobs-pokemon") and require("@pokemon/cron-runner") work', () => {
    expect(requireIn('@pokemon/jobs-pokemon', 'typeof m.createPokemonJobs')).toBe('function');
    expect(requireIn('@pokemon/cron-runner', 'Object.keys(m).length > 0')).toBe('true');
  });
});
