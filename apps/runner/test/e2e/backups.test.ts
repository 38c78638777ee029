import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReadOnly } from '../../../../packages/jobs-pokemon/test/helpers/read-only.js';
import { writeSubsetCatalogue } from './catalogue.js';
import { runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

let dir: string;
let env: Record<string, string>;
const cli = (...args: string[]) => runCliProcess(args, env);

function corrupt(file: string): Buffer {
  const original = readFileSync(file);
  const bytes = Buffer.from(original);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(file, bytes);
  return original;
}

beforeAll(async () => {
  ({ dir, env } = await tempRunnerEnv());
  env.POKEMON_CRON_SOURCE = await writeSubsetCatalogue(join(dir, 'tcg-data'));
  for (const job of ['sync-missing-sets', 'sync-missing-cards', 'backup-database']) {
    const run = await cli('run', job);
    expect(run.code, run.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cron-runner backups (built CLI, real files)', () => {
  it('verify records a failure and a later success; list shows the last result and when', async () => {
    const [backup] = JSON.parse((await cli('backups', 'list', '--json')).stdout) as { name: string; path: string }[];
    const original = corrupt(backup!.path);
    const failed = await cli('backups', 'verify');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      new RegExp(
        `^verify failed: Backup ${backup!.path} is not usable: .*\\(recorded in ${backup!.path}\\.verification\\.json; rotate-backups no longer counts it\\)\\n$`,
      ),
    );
    const listed = JSON.parse((await cli('backups', 'list', '--json')).stdout) as Record<string, unknown>[];
    expect(listed[0]).toMatchObject({
      verified: false,
      lastVerification: { ok: false, source: 'verify', at: expect.any(String), reason: expect.any(String) },
    });
    expect((await cli('backups', 'list')).stdout).toMatch(/│ FAILED \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: /);
    writeFileSync(backup!.path, original);
    const passed = await cli('backups', 'verify', '--json');
    expect(passed.code, passed.stderr).toBe(0);
    expect(JSON.parse(passed.stdout)).toMatchObject({ ok: true, recorded: `${backup!.path}.verification.json` });
    expect((await cli('backups', 'list')).stdout).toMatch(/│ ok \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ +│/);
  });

  it('list fits a 120-column terminal and shows human sizes', async () => {
    const listed = await runCliProcess(['backups', 'list'], { ...env, COLUMNS: '120' });
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
    expect(listed.stdout).toMatch(/│ size +│/);
    expect(listed.stdout).toMatch(/│ \d+(\.\d)? (B|KiB|MiB) +│/);
  });

  it('verifies a good backup in a read-only backup directory (exit 0, a warning that it was not recorded)', async () => {
    const backupDir = env.POKEMON_CRON_BACKUP_DIR!;
    const undo = makeReadOnly(backupDir);
    try {
      const result = await cli('backups', 'verify');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^ok: .* \(\d+ sets, \d+ cards\)\n$/);
      expect(result.stderr).toMatch(/^warning: the outcome could not be recorded in .*\.verification\.json/);
    } finally {
      undo();
    }
  });

  it('restore refuses while a daemon uses the catalogue, unless --force; says where the previous file is; keeps its mode', async () => {
    const [backup] = JSON.parse((await cli('backups', 'list', '--json')).stdout) as { name: string }[];
    chmodSync(env.POKEMON_CRON_DB!, 0o640);
    const daemon = spawnCli(['start'], env);
    try {
      await daemon.waitForStderr(/"scheduler started"/);
      const refused = await cli('backups', 'restore', backup!.name, '--yes');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        new RegExp(
          `^A daemon is using ${env.POKEMON_CRON_DB}: instance .* \\(pid ${daemon.child.pid} on .*\\)\\. Stop it first .*--force to restore anyway`,
        ),
      );
      const forced = await cli('backups', 'restore', backup!.name, '--yes', '--force');
      expect(forced.code, forced.stderr).toBe(0);
    } finally {
      daemon.child.kill('SIGTERM');
      expect((await daemon.exited).code).toBe(0);
    }
    const restored = await cli('backups', 'restore', backup!.name, '--yes');
    expect(restored.code, restored.stderr).toBe(0);
    const kept = readdirSync(dir)
      .filter((n) => n.startsWith('pokemon.sqlite3.before-restore-'))
      .sort();
    expect(kept).toHaveLength(2);
    expect(restored.stdout).toBe(
      `restored ${env.POKEMON_CRON_DB} from ${join(env.POKEMON_CRON_BACKUP_DIR!, backup!.name)}; the previous catalogue is kept at ${join(dir, kept[1]!)}\n`,
    );
    expect(statSync(env.POKEMON_CRON_DB!).mode & 0o777).toBe(0o640);
  }, 60_000);
});
