/**
 * Spawns the BUILT CLI (`node dist/cli.js`) as a user would run it. Needs
 * `pnpm build` first (CI builds before testing).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI. */
const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What the built CLI loads: its own build, the libraries' builds and the console's app. */
const BUILT_FILES = [
  CLI_PATH,
  fileURLToPath(new URL('../../../../packages/scheduler/dist/index.js', import.meta.url)),
  fileURLToPath(new URL('../../../../packages/jobs-pokemon/dist/index.js', import.meta.url)),
  fileURLToPath(new URL('../../../../packages/console/dist/web/index.html', import.meta.url)),
];

/** Fails with a clear message when the CLI or a library it loads has not been built. */
function assertBuilt(): void {
  const missing = BUILT_FILES.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} missing: run \`pnpm build\` at the repository root before the runner's e2e tests.`,
    );
  }
}

/** A temp working directory and the variables pointing the runner at it. */
export async function tempRunnerEnv(
  extra: Record<string, string> = {},
): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cron-runner-e2e-'));
  return {
    dir,
    env: {
      POKEMON_CRON_DB: join(dir, 'pokemon.sqlite3'),
      POKEMON_CRON_STORE: join(dir, 'scheduler.sqlite3'),
      POKEMON_CRON_BACKUP_DIR: join(dir, 'backups'),
      LOG_FORMAT: 'json',
      ...extra,
    },
  };
}

/** The environment of a child: only PATH/HOME from ours, so a developer's POKEMON_* variables never leak in. */
function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return { ...base, ...env };
}

/** The outcome of one CLI invocation. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running CLI process with its output so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves when a stderr line matches `pattern` (rejects after `timeoutMs`). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process exits. */
  readonly exited: Promise<CliResult>;
}

/** Starts `node dist/cli.js ...args` (in `cwd`, default the test's). */
export function spawnCli(args: readonly string[], env: Record<string, string>, cwd?: string): CliProcess {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd === undefined ? {} : { cwd }),
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      const line = stderr.split('\n').find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForStderr(pattern, timeoutMs = 15_000) {
      const line = stderr.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no stderr line matching ${pattern} within ${timeoutMs} ms:\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then(() => reject(new Error(`exited before a line matching ${pattern}:\n${stderr}`)));
      });
    },
  };
}

/** Runs the CLI to completion (killed after `timeoutMs`). */
export async function runCliProcess(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
  cwd?: string,
): Promise<CliResult> {
  const proc = spawnCli(args, env, cwd);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  try {
    return await proc.exited;
  } finally {
    clearTimeout(timer);
  }
}
