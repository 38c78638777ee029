/** `cron-runner schedule <job> [cron] | --clear`: the operator's schedule override, honoured by every instance. */
import { parseSchedule } from '@pokemon/scheduler';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { requireJob } from '../jobs.js';
import { describeCron } from '../output/format.js';

/** Registers `schedule`. */
export function registerSchedule(program: Command, context: CommandContext): void {
  program
    .command('schedule <job> [cron]')
    .description(
      "override a job's schedule in the store (every instance follows it without a restart); --clear restores the code's",
    )
    .option('--clear', 'remove the override')
    .option('--json', 'print the job state as JSON')
    .action(
      async (
        name: string,
        cron: string | undefined,
        options: { clear?: boolean; json?: boolean },
        command: Command,
      ) => {
        if ((cron === undefined) === (options.clear !== true)) {
          throw new UsageError('schedule: give either a cron expression or --clear');
        }
        await context.withRunner(command, async (runner) => {
          const job = requireJob(runner, name);
          if (cron !== undefined) parseSchedule(cron, { timezone: job.timezone ?? runner.config.timezone, job: name });
          await runner.scheduler.status(); // registers the jobs in the store when it is new
          const state = await runner.store.updateJob(name, { scheduleOverride: cron ?? null });
          if (options.json) context.printJson(state);
          else if (cron === undefined)
            context.print(`${name}: back to ${job.schedule} (${describeCron(job.schedule)})`);
          else context.print(`${name}: now ${cron} (${describeCron(cron)}) on every instance`);
        });
      },
    );
}
