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
    .addOption(
      new Option(
        '--http-port <port>',
        'serve /healthz, /readyz, /metrics and the web console (POKEMON_CRON_HTTP_PORT)',
      ),
    )
    .addOption(new Option('--http-host <host>', 'interface to bind, default 127.0.0.1 (POKEMON_CRON_HTTP_HOST)'))
    .addOption(
      new Option('--admin-token <token>', 'an admin console token (POKEMON_CRON_ADMIN_TOKEN; prefer the variable)'),
    )
    .addOption(
      new Option(
        '--console-tokens <entries>',
        'console tokens, name:role:sha256:<hex>, comma-separated (POKEMON_CRON_CONSOLE_TOKENS)',
      ),
    )
    .addOption(
      new Option('--console-tokens-file <path>', 'a file of console token lines (POKEMON_CRON_CONSOLE_TOKENS_FILE)'),
    )
    .action(async (_options: unknown, command: Command) => {
      await context.withRunner(command, async (runner) => {
        const daemon = await startDaemon(runner);
        await untilAborted(context.io.shutdown);
        await daemon.stop();
      });
    });
}
