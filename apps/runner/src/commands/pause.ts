/** `cron-runner pause <job>` and `resume <job>`: operator state in the store, honoured by every instance. */
import type { Command } from 'commander';
import { cliActor } from '../actor.js';
import type { CommandContext } from '../context.js';
import { requireJob } from '../jobs.js';
import { takesEffectNote } from '../store-poll.js';

/** Registers `pause`. */
export function registerPause(program: Command, context: CommandContext): void {
  program
    .command('pause <job>')
    .description('pause a job on every instance sharing the store (its slots are recorded skipped)')
    .option('--note <text>', 'why, shown by list and status')
    .option('--json', 'print the job state as JSON')
    .action(async (name: string, options: { note?: string; json?: boolean }, command: Command) => {
      await context.withRunner(command, async (runner) => {
        requireJob(runner, name);
        await runner.scheduler.pause(name, {
          actor: cliActor(),
          ...(options.note === undefined ? {} : { note: options.note }),
        });
        const state = await runner.store.getJob(name);
        if (options.json) context.printJson(state);
        else
          context.print(
            `paused ${name}${options.note ? ` (${options.note})` : ''}; ${takesEffectNote(runner.config.store)}`,
          );
      });
    });
}

/** Registers `resume`. */
export function registerResume(program: Command, context: CommandContext): void {
  program
    .command('resume <job>')
    .description('resume a paused job on every instance')
    .option('--json', 'print the job state as JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      await context.withRunner(command, async (runner) => {
        requireJob(runner, name);
        await runner.scheduler.resume(name, { actor: cliActor() });
        const state = await runner.store.getJob(name);
        if (options.json) context.printJson(state);
        else context.print(`resumed ${name}; ${takesEffectNote(runner.config.store)}`);
      });
    });
}
