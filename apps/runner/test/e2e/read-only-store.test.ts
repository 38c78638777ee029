import { spawn } from 'node:child_process';
import { chmod, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliProcess, tempRunnerEnv } from './cli-process.js';

const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
/** As root, drop the capabilities that let root ignore file permissions, so read-only really is. */
const DROP_FILE_CAPABILITIES = [
  '--inh-caps=-dac_override,-dac_read_search,-fowner',
  '--bounding-set=-dac_override,-dac_read_search,-fowner',
];

/** Runs the built CLI honouring file permissions even as root. */
function runHonouringPermissions(args: string[], env: Record<string, string>) {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'setpriv' : process.execPath;
  const argv = asRoot ? [...DROP_FILE_CAPABILITIES, process.execPath, CLI_PATH, ...args] : [CLI_PATH, ...args];
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, argv, { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let readOnlyDir: string | undefined;
afterEach(async () => {
  if (readOnlyDir) await chmod(readOnlyDir, 0o755);
  readOnlyDir = undefined;
});

describe('read commands and the store (built CLI)', () => {
  it.each([['status'], ['history']])(
    '%s in a directory with no store says so in one line, exit 2, and creates nothing',
    async (command) => {
      const { dir, env } = await tempRunnerEnv();
      const result = await runCliProcess([command], env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `POKEMON_CRON_STORE: no scheduler store at "${env.POKEMON_CRON_STORE}" (nothing has run with it yet). ` +
          'Check the path (or --store), or create it with `cron-runner start` or `cron-runner run <job>`.\n',
      );
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('list with no store lists the jobs as defined in code, with a note, and creates nothing', async () => {
    const { dir, env } = await tempRunnerEnv();
    const result = await runCliProcess(['list', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const jobs = JSON.parse(result.stdout) as { name: string; state: string; nextRuns: string[] }[];
    expect(jobs).toHaveLength(8);
    expect(jobs.every((job) => job.state === 'active' && job.nextRuns.length === 3)).toBe(true);
    expect(result.stderr).toContain('note: no scheduler store at');
    expect(await readdir(dir)).toEqual([]);
  });

  it('plan with no store shows what start would add, with a note, and creates nothing', async () => {
    const { dir, env } = await tempRunnerEnv();
    const result = await runCliProcess(['plan', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { added: string[] }).added).toHaveLength(8);
    expect(result.stderr).toContain('note: no scheduler store at');
    expect(await readdir(dir)).toEqual([]);
  });

  it('list, status, history and plan read a store in a read-only directory', async () => {
    const { dir, env } = await tempRunnerEnv({ LOG_LEVEL: 'warn' });
    const set = await runCliProcess(['pause', 'rotate-backups', '--note', 'disk swap'], env);
    expect(set.code, set.stderr).toBe(0);
    const before = (await readdir(dir)).sort();
    await chmod(env.POKEMON_CRON_STORE!, 0o444);
    await chmod(dir, 0o555);
    readOnlyDir = dir;
    const list = await runHonouringPermissions(['list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    const jobs = JSON.parse(list.stdout) as { name: string; state: string }[];
    expect(jobs.find((job) => job.name === 'rotate-backups')?.state).toBe('paused');
    for (const command of ['status', 'history', 'plan']) {
      const result = await runHonouringPermissions([command, '--json'], env);
      expect(result.code, `${command}: ${result.stderr}`).toBe(0);
      expect(result.stderr).toBe('');
    }
    expect((await readdir(dir)).sort()).toEqual(before);
  });
});
