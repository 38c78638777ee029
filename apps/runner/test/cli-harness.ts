// Runs the CLI in this process with `env`, capturing what it prints.
import { runCli } from '../src/program.js';

/** `cron-runner <argv>` with `env` only: its exit code and what it wrote to stdout and stderr. */
export async function cli(env: Record<string, string>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
    shutdown: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
