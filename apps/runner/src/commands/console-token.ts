/**
 * `cron-runner console-token <name> <role>`: a new console token. The secret is printed once,
 * for its holder; the configuration gets only the entry with its hash.
 */
import { CONSOLE_ROLES, type ConsoleRole, generateTokenSecret, hashToken, parseTokens } from '@pokemon/console';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';

/** Registers `console-token`. */
export function registerConsoleToken(program: Command, context: CommandContext): void {
  program
    .command('console-token')
    .description(`make a web console token: prints its secret once and the entry for POKEMON_CRON_CONSOLE_TOKENS`)
    .argument('<name>', 'who holds it (recorded as the actor of their actions)')
    .argument('<role>', CONSOLE_ROLES.join(' | '))
    .option('--json', 'print JSON')
    .action((name: string, role: string, options: { json?: boolean }) => {
      if (!(CONSOLE_ROLES as readonly string[]).includes(role)) {
        throw new UsageError(`<role>: expected one of ${CONSOLE_ROLES.join(', ')}, got ${JSON.stringify(role)}`);
      }
      const secret = generateTokenSecret();
      const entry = `${name}:${role}:${hashToken(secret)}`;
      try {
        parseTokens(entry, '<name>');
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      if (options.json) {
        context.printJson({ name, role: role as ConsoleRole, secret, entry });
        return;
      }
      context.print(
        [
          `secret (give it to ${name}; it is not stored anywhere): ${secret}`,
          `entry (add to POKEMON_CRON_CONSOLE_TOKENS or its file): ${entry}`,
        ].join('\n'),
      );
    });
}
