import { describe, expect, it } from 'vitest';
import { runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

function messages(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg: string }).msg);
}

describe('the runner logs each event once (built CLI)', () => {
  it('no "Scheduler stopped" line from a read command or before a usage error, even at info', async () => {
    const { env } = await tempRunnerEnv({ LOG_LEVEL: 'info' });
    // A read command reads an existing store (with none it says so and exits 2): make one first.
    const resume = await runCliProcess(['resume', 'database-health-check'], env);
    expect(resume.code, resume.stderr).toBe(0);
    const list = await runCliProcess(['list'], env);
    expect(list.code).toBe(0);
    expect(messages(list.stderr)).toEqual([]);
    const unknown = await runCliProcess(['run', 'no-such-job'], env);
    expect(unknown.code).toBe(2);
    expect(messages(unknown.stderr)).toEqual([]);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a start logs one started line and one stopped line (with what it cancelled), and no old override again', async () => {
    const { env } = await tempRunnerEnv();
    const override = await runCliProcess(['schedule', 'database-health-check', '*/30 * * * *'], env);
    expect(override.code, override.stderr).toBe(0);
    const daemon = spawnCli(['start'], env);
    await daemon.waitForStderr(/"scheduler started"/);
    daemon.child.kill('SIGTERM');
    const result = await daemon.exited;
    expect(result.code, result.stderr).toBe(0);
    const lines = messages(result.stderr);
    expect(lines.filter((msg) => /started/i.test(msg))).toEqual(['scheduler started']);
    expect(lines.filter((msg) => /stopped/i.test(msg))).toEqual(['stopped']);
    expect(lines).not.toContain('Schedule changed');
    const stopped = result.stderr.split('\n').find((line) => line.includes('"msg":"stopped"'));
    expect(JSON.parse(stopped!)).toMatchObject({ cancelled: 0, stuck: 0 });
  });
});
