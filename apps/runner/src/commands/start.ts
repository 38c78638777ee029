/** `cron-runner start`: the daemon, until SIGTERM/SIGINT. */
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { startDaemon } from '../daemon.js';

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Registers `start`. */
export function registerStart(program: Command, context: CommandContext): void {
  program
    .command('start')
    .description('run the scheduler daemon until SIGTERM/SIGINT (graceful stop; a second signal forces exit)')
    .addOption(new Option('--http-port <port>', 'serve /healthz, /readyz, /metrics and /api (POKEMON_CRON_HTTP_PORT)'))
    .addOption(new Option('--http-host <host>', 'interface to bind, default 127.0.0.1 (POKEMON_CRON_HTTP_HOST)'))
    .addOption(
      new Option('--admin-token <token>', 'bearer token of /api (POKEMON_CRON_ADMIN_TOKEN; prefer the variable)'),
    )
    .action(async (_options: unknown, command: Command) => {
      await context.withRunner(command, async (runner) => {
        const daemon = await startDaemon(runner);
        await untilAborted(context.io.shutdown);
        await daemon.stop();
      });
    });
}
