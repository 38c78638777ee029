import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { type CliProcess, runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

/** How many slots the two instances must get through (one a second). */
const SLOTS = 4;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('runner_e2e_multi');
});

afterAll(async () => {
  await db?.drop();
});

/** Re-checks `predicate` every 50 ms until it holds (rejects after `timeoutMs`). */
async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function countLines(proc: CliProcess, msg: string): number {
  return proc
    .stderr()
    .split('\n')
    .filter((line) => line.includes(`"msg":"${msg}"`)).length;
}

describe('two cron-runner start processes on one PostgreSQL store (built CLI)', () => {
  it('run each slot once', async () => {
    const { env } = await tempRunnerEnv({ POKEMON_CRON_STORE: db.url, POKEMON_CRON_SHUTDOWN_GRACE_MS: '2000' });
    // Every second, so a short run covers several slots.
    const override = await runCliProcess(['schedule', 'rotate-backups', '* * * * * *'], env);
    expect(override.code, override.stderr).toBe(0);

    const a = spawnCli(['start', '--instance-id', 'runner-a'], env);
    const b = spawnCli(['start', '--instance-id', 'runner-b'], env);
    try {
      await Promise.all([a.waitForStderr(/"scheduler started"/), b.waitForStderr(/"scheduler started"/)]);
      // Each process logs one line per slot it recorded (run, skip); wait until the pair got through SLOTS.
      const recorded = (): number =>
        [a, b].reduce(
          (n, p) => n + countLines(p, 'run succeeded') + countLines(p, 'run failed') + countLines(p, 'run skipped'),
          0,
        );
      await until(() => recorded() >= SLOTS, 30_000);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
    }
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);

    const history = await runCliProcess(['history', '--json', '--job', 'rotate-backups', '--limit', '1000'], env);
    const runs = (
      JSON.parse(history.stdout) as {
        runs: { scheduledFor: string; status: string; trigger: string; instanceId: string }[];
      }
    ).runs;
    const slots = runs.filter((run) => run.trigger === 'schedule' && run.status !== 'abandoned');
    expect(slots.length).toBeGreaterThanOrEqual(SLOTS);
    const unique = new Set(slots.map((run) => run.scheduledFor));
    expect(unique.size).toBe(slots.length);
    expect(runs.filter((run) => run.status === 'running')).toEqual([]);
  }, 60_000);
});
