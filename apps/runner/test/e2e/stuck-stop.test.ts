import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type CliProcess, runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

const TOKEN = 'e2e-admin-token-0123456789';
/** Whether a thread of process `pid` is blocked opening a FIFO that has no writer (Linux). */
async function blockedOnFifo(pid: number): Promise<boolean> {
  const tasks = await readdir(`/proc/${pid}/task`);
  const wchans = await Promise.all(
    tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/wchan`, 'utf8').catch(() => '')),
  );
  return wchans.includes('wait_for_partner');
}

/** Resolves once the daemon's job is stuck opening the FIFO (nobody ever writes it). */
async function untilStuck(pid: number): Promise<void> {
  while (!(await blockedOnFifo(pid))) await delay(10);
}

/** A daemon whose `sync-missing-sets` is stuck reading `sets/en.json`, a FIFO nobody writes. */
async function daemonStuckInFifo(graceMs: number): Promise<{ daemon: CliProcess; env: Record<string, string> }> {
  const { dir, env } = await tempRunnerEnv({
    POKEMON_CRON_HTTP_PORT: '0',
    POKEMON_CRON_ADMIN_TOKEN: TOKEN,
    POKEMON_CRON_SHUTDOWN_GRACE_MS: String(graceMs),
  });
  const source = join(dir, 'source');
  await mkdir(join(source, 'sets'), { recursive: true });
  const fifo = join(source, 'sets', 'en.json');
  execFileSync('mkfifo', [fifo]);
  const daemon = spawnCli(['start'], { ...env, POKEMON_CRON_SOURCE: source });
  const { url } = JSON.parse(await daemon.waitForStderr(/"http server listening"/)) as { url: string };
  await daemon.waitForStderr(/"scheduler started"/);
  const trigger = await fetch(`${url}/api/jobs/sync-missing-sets/trigger`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(trigger.status).toBe(202);
  await untilStuck(daemon.child.pid!);
  return { daemon, env: { ...env, POKEMON_CRON_SOURCE: source } };
}

function jsonLines(stderr: string): { msg?: string; [key: string]: unknown }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string });
}

describe.skipIf(process.platform !== 'linux')(
  'a stop ends the daemon even when a job is stuck in a blocking call (built CLI)',
  () => {
    it('after the grace period: records the run cancelled, says so, and ends by the signal', async () => {
      const { daemon, env } = await daemonStuckInFifo(300);
      daemon.child.kill('SIGTERM');
      const result = await daemon.exited;
      expect(result.signal ?? result.code, result.stderr).toBe('SIGTERM');
      const lines = jsonLines(result.stderr);
      expect(lines.find((line) => line.msg === 'stopped')).toMatchObject({ cancelled: 1, stuck: 1 });
      expect(lines.find((line) => line.msg === 'run cancelled')).toMatchObject({
        job: 'sync-missing-sets',
        reason: 'shutdown',
      });
      expect(lines.some((line) => /still running after the grace period/.test(line.msg ?? ''))).toBe(true);
      // Cancelled by the stop: an outcome, not an error with a stack.
      expect(lines.filter((line) => line.msg === 'run failed' || line.level === 50)).toEqual([]);

      const history = await runCliProcess(['history', '--json', '--job', 'sync-missing-sets'], env);
      const runs = (JSON.parse(history.stdout) as { runs: { status: string }[] }).runs;
      expect(runs.map((run) => run.status)).toEqual(['cancelled']);
    });

    it('a second signal during the grace period ends it at once', async () => {
      const { daemon } = await daemonStuckInFifo(600_000);
      daemon.child.kill('SIGTERM');
      await daemon.waitForStderr(/"stopping: no new runs/);
      daemon.child.kill('SIGTERM');
      const result = await daemon.exited;
      expect(result.signal ?? result.code, result.stderr).toBe('SIGTERM');
      expect(result.stderr).toContain('second signal: forcing exit');
    });
  },
);
