// POKEMON_CRON_ISOLATION: the jobs run in a child process, a worker thread (the default, which the
// other end-to-end tests use) or the runner's thread, with the same outcomes in history: results,
// and errors with their name and data, cross back from the worker.
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '@pokemon/scheduler';
import { describe, expect, it } from 'vitest';
import { runCliProcess, tempRunnerEnv } from './cli-process.js';

const FIXTURE_SOURCE = fileURLToPath(
  new URL('../../../../packages/jobs-pokemon/test/fixtures/tcg-subset', import.meta.url),
);

describe.each(['process', 'thread', 'none'])('POKEMON_CRON_ISOLATION=%s (built CLI)', (isolation) => {
  it('a job succeeds with its result, and a critical health check fails with its report', async () => {
    const { env } = await tempRunnerEnv({ POKEMON_CRON_SOURCE: FIXTURE_SOURCE, POKEMON_CRON_ISOLATION: isolation });
    // No catalogue and no backup yet: two critical checks.
    const health = await runCliProcess(['run', 'database-health-check', '--json'], env);
    expect(health.code, health.stderr).toBe(1);
    const [failed] = JSON.parse(health.stdout) as RunRecord[];
    expect(failed).toMatchObject({
      status: 'failed',
      error: { name: 'HealthCheckCriticalError', data: { status: 'critical' } },
    });
    const sync = await runCliProcess(['run', 'sync-missing-sets', '--json'], env);
    expect(sync.code, sync.stderr).toBe(0);
    const [run] = JSON.parse(sync.stdout) as RunRecord[];
    expect(run).toMatchObject({ status: 'succeeded', result: { inserted: 5 } });
  });
});
