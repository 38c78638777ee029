/** `cron-runner backfill <job> --from --to`: replays a job's slots in a range, oldest first. */
import type { Command } from 'commander';
import { cliActor } from '../actor.js';
import type { CommandContext } from '../context.js';
import { ExitCode, UsageError } from '../errors.js';
import { requireJob } from '../jobs.js';
import { watchRuns } from '../output/progress.js';
import { parseInstant } from '../parse.js';

/** Registers `backfill`. */
export function registerBackfill(program: Command, context: CommandContext): void {
  program
    .command('backfill <job>')
    .description("replay a job's slots in [from, to], oldest first (its overlap policy applies); exit 1 if any failed")
    .requiredOption('--from <when>', 'first slot: ISO date or duration ago (7d)')
    .requiredOption('--to <when>', 'last slot: ISO date or duration ago (0s for now)')
    .option('--json', 'print the runs as JSON (RunRecord[])')
    .action(async (name: string, options: { from: string; to: string; json?: boolean }, command: Command) => {
      const now = new Date();
      const from = parseInstant('--from', options.from, now);
      const to = parseInstant('--to', options.to, now);
      if (from > to) throw new UsageError(`--from (${from.toISOString()}) is after --to (${to.toISOString()})`);
      await context.withRunner(command, async (runner) => {
        requireJob(runner, name);
        const watch = watchRuns({
          runner,
          logger: runner.logger,
          stream: context.io.stderr,
          interactive: context.io.stderr.isTTY === true && !options.json,
        });
        try {
          const runs = await runner.scheduler.backfill(name, {
            from,
            to,
            signal: context.io.shutdown,
            actor: cliActor(),
          });
          if (options.json) context.printJson(runs);
          else context.print(`${runs.length} slot(s) replayed: ${summarizeStatuses(runs.map((r) => r.status))}`);
          const bad = runs.some((run) => !['succeeded', 'skipped'].includes(run.status));
          context.exitCode = bad ? ExitCode.failure : ExitCode.success;
        } finally {
          watch.stop();
        }
      });
    });
}

function summarizeStatuses(statuses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(', ') || 'none';
}
