import { describe, expect, it } from 'vitest';
import { runCliProcess, tempRunnerEnv } from './cli-process.js';

describe('cron-runner on a fresh machine (built CLI, no configuration)', () => {
  it('run --all runs the whole pipeline on the bundled data and embedded SQLite, and shows what ran', async () => {
    const { dir } = await tempRunnerEnv();
    // No POKEMON_* variable at all: defaults under ./data of the working directory.
    const { code, stdout, stderr } = await runCliProcess(['run', '--all'], { LOG_FORMAT: 'json' }, 120_000, dir);
    expect(code, stderr).toBe(0);
    for (const job of [
      'sync-missing-sets',
      'sync-missing-cards',
      'backup-database',
      'replicate-to-primary',
      'cleanup-stale-data',
    ]) {
      expect(stdout).toMatch(new RegExp(`│ ${job} +│ succeeded │`));
    }
    // Replication has no PostgreSQL here: it says so instead of failing.
    expect(stdout).toMatch(/│ replicate-to-primary +│ succeeded │.*configured no, reason /);
    const status = await runCliProcess(['status', '--json'], {}, 60_000, dir);
    const jobs = JSON.parse(status.stdout) as { name: string; lastRun: { status: string } | null }[];
    expect(jobs).toHaveLength(8);
    expect(jobs.every((job) => job.lastRun?.status === 'succeeded')).toBe(true);
  });
});
