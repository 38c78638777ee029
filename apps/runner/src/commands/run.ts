/** `cron-runner run <job> [--with-deps]` and `run --all`: runs jobs now; the exit code tells the outcome. */
import { type RunRecord, resolveDependencies } from '@pokemon/scheduler';
import type { Command } from 'commander';
import { cliActor } from '../actor.js';
import type { CommandContext } from '../context.js';
import { ExitCode, UsageError } from '../errors.js';
import { requireJob } from '../jobs.js';
import { formatDuration } from '../output/format.js';
import { watchRuns } from '../output/progress.js';
import { describeResult } from '../output/result-words.js';
import { renderTable } from '../output/table.js';
import type { Runner } from '../runner.js';

interface RunOptions {
  withDeps?: boolean;
  all?: boolean;
  json?: boolean;
}

/** One job of a `run --all` pass that was not started because an upstream job did not succeed. */
interface NotRun {
  job: string;
  reason: string;
}

/**
 * Runs every job once in dependency order; a job whose upstream did not
 * succeed in this pass is not run. Returns the runs and the jobs left out.
 */
async function runAll(runner: Runner, signal: AbortSignal): Promise<{ runs: RunRecord[]; notRun: NotRun[] }> {
  const order = resolveDependencies(runner.jobs);
  const outcome = new Map<string, string>();
  const runs: RunRecord[] = [];
  const notRun: NotRun[] = [];
  for (const name of order) {
    signal.throwIfAborted();
    const failedUpstream = runner.job(name)!.dependsOn.find((up) => outcome.get(up) !== 'succeeded');
    if (failedUpstream !== undefined) {
      notRun.push({ job: name, reason: `upstream ${failedUpstream} ${outcome.get(failedUpstream) ?? 'not run'}` });
      outcome.set(name, 'not run');
      continue;
    }
    const run = await runner.scheduler.trigger(name, { signal, actor: cliActor() });
    runs.push(run);
    outcome.set(name, run.status);
  }
  return { runs, notRun };
}

function renderSummary(runs: readonly RunRecord[], notRun: readonly NotRun[], width: number | undefined): string {
  return renderTable(
    ['job', 'status', 'duration', 'result / error'],
    [
      ...runs.map((run) => [
        run.job,
        run.status,
        formatDuration(run.durationMs),
        run.error?.message ?? run.reason ?? describeResult(run.result),
      ]),
      ...notRun.map((entry) => [entry.job, 'not run', '-', entry.reason]),
    ],
    width,
  );
}

/** The job names and options, checked: exactly one of a job or `--all`. */
function checkArguments(name: string | undefined, options: RunOptions): void {
  if (options.all && name !== undefined) throw new UsageError('run: give a job name or --all, not both');
  if (!options.all && name === undefined) throw new UsageError('run: give a job name, or --all to run every job once');
  if (options.all && options.withDeps) throw new UsageError('run --all already runs every job in dependency order');
}

/** Registers `run`. */
export function registerRun(program: Command, context: CommandContext): void {
  program
    .command('run [job]')
    .description('run a job (or --all) now; exit code 0 on success, 1 on failure, 2 on bad usage or configuration')
    .option('--with-deps', 'run the upstream chain first, in order, stopping at the first failure')
    .option('--all', 'run every job once, in dependency order (a job whose upstream failed is not run)')
    .option('--json', 'print the finished runs as JSON (RunRecord[], in the order they ran)')
    .action(async (name: string | undefined, options: RunOptions, command: Command) => {
      checkArguments(name, options);
      const interactive = context.io.stderr.isTTY === true && !options.json;
      // On a terminal the bar and one line per run say it all; logs below warnings would repeat them.
      await context.withRunner(
        command,
        async (runner) => {
          if (name !== undefined) requireJob(runner, name);
          const watch = watchRuns({ runner, logger: runner.logger, stream: context.io.stderr, interactive });
          let runs: RunRecord[];
          let notRun: NotRun[] = [];
          try {
            if (name === undefined) {
              ({ runs, notRun } = await runAll(runner, context.io.shutdown));
            } else {
              const record = await runner.scheduler.trigger(name, {
                withDependencies: options.withDeps === true,
                signal: context.io.shutdown,
                actor: cliActor(),
              });
              runs = watch.finished.some((run) => run.id === record.id)
                ? [...watch.finished]
                : [...watch.finished, record];
            }
          } finally {
            watch.stop();
          }
          if (options.json) context.printJson(runs);
          else context.print(renderSummary(runs, notRun, context.width()));
          const ok = notRun.length === 0 && runs.length > 0 && runs.every((run) => run.status === 'succeeded');
          context.exitCode = ok ? ExitCode.success : ExitCode.failure;
        },
        { quiet: interactive },
      );
    });
}
