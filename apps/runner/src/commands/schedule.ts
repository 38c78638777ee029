/** `cron-runner schedule <job> [cron] | --clear`: the operator's schedule override, honoured by every instance. */
import type { Command } from 'commander';
import { cliActor } from '../actor.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { requireJob } from '../jobs.js';
import { describeCron } from '../output/format.js';
import { setScheduleOverride } from '../schedule-override.js';
import { takesEffectNote } from '../store-poll.js';

/** Registers `schedule`. */
export function registerSchedule(program: Command, context: CommandContext): void {
  program
    .command('schedule <job> [cron]')
    .description(
      "override a job's schedule in the store (running daemons follow it within about a second on PostgreSQL, within their 30 s store poll on SQLite); --clear restores the code's",
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
          const state = await setScheduleOverride(runner, name, cron ?? null, cliActor());
          if (options.json) context.printJson(state);
          else if (cron === undefined)
            context.print(
              `${name}: back to ${job.schedule} (${describeCron(job.schedule)}); ${takesEffectNote(runner.config.store)}`,
            );
          else
            context.print(
              `${name}: now ${cron} (${describeCron(cron)}) on every instance; ${takesEffectNote(runner.config.store)}`,
            );
        });
      },
    );
}
