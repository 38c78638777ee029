import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '@pokemon/scheduler';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess, tempRunnerEnv } from './cli-process.js';

/** The jobs package's committed 5-set, 98-card subset of pokemon-tcg-data. */
const FIXTURE_SOURCE = fileURLToPath(
  new URL('../../../../packages/jobs-pokemon/test/fixtures/tcg-subset', import.meta.url),
);

type JsonRun = RunRecord & { error?: RunRecord['error'] & { data?: Record<string, unknown> } };

let env: Record<string, string>;
const cli = (...args: string[]) => runCliProcess(args, env);

beforeAll(async () => {
  const temp = await tempRunnerEnv({ POKEMON_CRON_SOURCE: FIXTURE_SOURCE });
  await mkdir(join(temp.dir, 'backups'), { recursive: true });
  env = temp.env;
});

describe('honest outcomes (built CLI, temp SQLite catalogue and store)', () => {
  it('run database-health-check with a critical verdict exits 1; the run is failed, its findings kept in history', async () => {
    // No catalogue and no backup yet: two critical checks.
    const { code, stdout, stderr } = await cli('run', 'database-health-check', '--json');
    expect(code, stderr).toBe(1);
    const [run] = JSON.parse(stdout) as JsonRun[];
    expect(run).toMatchObject({
      job: 'database-health-check',
      status: 'failed',
      error: { name: 'HealthCheckCriticalError', data: { status: 'critical' } },
    });
    expect(run!.attempts).toHaveLength(1);
    expect(run!.error!.message).toMatch(
      /^Health check critical: sqlite: Catalogue .* does not exist; backup: No verified backup in /,
    );
    const history = JSON.parse((await cli('history', '--json', '--job', 'database-health-check')).stdout) as {
      runs: JsonRun[];
    };
    expect(history.runs[0]).toMatchObject({ id: run!.id, status: 'failed', error: { data: run!.error!.data } });
    const table = await cli('run', 'database-health-check');
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/failed/);
  });

  it('run validate-data-integrity exits 1 and names a row edited without its content hash', async () => {
    expect((await cli('run', 'sync-missing-cards', '--with-deps')).code).toBe(0);
    expect((await cli('run', 'validate-data-integrity')).code).toBe(0);
    const db = new Database(env.POKEMON_CRON_DB!);
    db.prepare("UPDATE cards SET name = 'Edited by hand' WHERE id = 'si1-1'").run();
    db.close();
    const { code, stdout, stderr } = await cli('run', 'validate-data-integrity', '--json');
    expect(code, stderr).toBe(1);
    const [run] = JSON.parse(stdout) as JsonRun[];
    expect(run).toMatchObject({ status: 'failed', error: { name: 'IntegrityCheckFailedError' } });
    expect(run!.error!.message).toMatch(
      /^Catalogue integrity: 1 error finding\(s\): staleContentHashes: 1 .* e\.g\. si1-1/,
    );
    expect(run!.error!.data).toMatchObject({ clean: false, findings: { staleContentHashes: { samples: ['si1-1'] } } });
  });
});
