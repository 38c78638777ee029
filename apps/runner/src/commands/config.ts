/** `cron-runner config`: the effective configuration, secrets redacted. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { redactConfig } from '../redact.js';

function flatten(value: unknown, prefix: string, out: [string, string][]): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.push([prefix, value === undefined ? '(not set)' : String(value)]);
  }
}

/** Registers `config`. */
export function registerConfig(program: Command, context: CommandContext): void {
  program
    .command('config')
    .description('print the effective configuration (environment + flags), secrets redacted')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, command: Command) => {
      const config = redactConfig(context.config(command));
      if (options.json) {
        context.printJson(config);
        return;
      }
      const rows: [string, string][] = [];
      flatten(config, '', rows);
      const width = Math.max(...rows.map(([key]) => key.length));
      context.print(rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n'));
    });
}
