/** `cron-runner run <job> [--with-deps]`: runs one job now; the exit code tells the outcome. */
import type { RunRecord } from '@pokemon/scheduler';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../errors.js';
import { requireJob } from '../jobs.js';
import { watchRuns } from '../output/progress.js';
import type { Runner } from '../runner.js';

/** Runs `name` (and its upstream chain with `withDependencies`) and returns every run it finished, the job's last. */
export async function runOnce(
  runner: Runner,
  name: string,
  options: {
    withDependencies: boolean;
    signal: AbortSignal;
    interactive: boolean;
    stream: CommandContext['io']['stderr'];
  },
): Promise<{ record: RunRecord; finished: RunRecord[] }> {
  requireJob(runner, name);
  const watch = watchRuns({
    runner,
    logger: runner.logger,
    stream: options.stream,
    interactive: options.interactive,
  });
  try {
    const record = await runner.scheduler.trigger(name, {
      withDependencies: options.withDependencies,
      signal: options.signal,
    });
    return { record, finished: watch.finished };
  } finally {
    watch.stop();
  }
}

/** Registers `run`. */
export function registerRun(program: Command, context: CommandContext): void {
  program
    .command('run <job>')
    .description('run a job now; exit code 0 on success, 1 on failure, 2 on bad usage or configuration')
    .option('--with-deps', 'run the upstream chain first, in order, stopping at the first failure')
    .option('--json', 'print the finished runs as JSON (RunRecord[], the job last)')
    .action(async (name: string, options: { withDeps?: boolean; json?: boolean }, command: Command) => {
      const interactive = context.io.stderr.isTTY === true && !options.json;
      // On a terminal the bar and one line per run say it all; logs below warnings would repeat them.
      await context.withRunner(
        command,
        async (runner) => {
          const { record, finished } = await runOnce(runner, name, {
            withDependencies: options.withDeps === true,
            signal: context.io.shutdown,
            interactive,
            stream: context.io.stderr,
          });
          if (options.json) {
            const runs = finished.some((run) => run.id === record.id) ? finished : [...finished, record];
            context.printJson(runs);
          }
          context.exitCode = record.status === 'succeeded' ? ExitCode.success : ExitCode.failure;
        },
        { quiet: interactive },
      );
    });
}
