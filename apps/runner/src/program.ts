/**
 * The `cron-runner` command line: commander program, global configuration
 * flags, and the mapping from errors to exit codes.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerBackfill } from './commands/backfill.js';
import { registerBackups } from './commands/backups.js';
import { registerConfig } from './commands/config.js';
import { registerConsoleToken } from './commands/console-token.js';
import { registerHistory } from './commands/history.js';
import { registerList } from './commands/list.js';
import { registerPause, registerResume } from './commands/pause.js';
import { registerPlan } from './commands/plan.js';
import { registerRun } from './commands/run.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSlots } from './commands/slots.js';
import { registerStart } from './commands/start.js';
import { registerStatus } from './commands/status.js';
import { type CliIO, createContext } from './context.js';
import { ConfigError, ExitCode, ForcedStopError, UsageError } from './errors.js';
import { VERSION } from './version.js';

/** Flags every command accepts; each overrides the environment variable named in its help. */
const CONFIG_OPTIONS: [flags: string, description: string][] = [
  ['--db <path>', 'catalogue SQLite file (POKEMON_CRON_DB)'],
  ['--store <path|url>', 'scheduler store: SQLite file or postgres:// URL (POKEMON_CRON_STORE)'],
  ['--primary-url <url>', 'PostgreSQL primary for replication (PRIMARY_DATABASE_URL)'],
  ['--backup-dir <path>', 'backup directory (POKEMON_CRON_BACKUP_DIR)'],
  ['--keep-daily <n>', 'daily backups kept (POKEMON_CRON_BACKUP_KEEP_DAILY)'],
  ['--keep-weekly <n>', 'weekly backups kept (POKEMON_CRON_BACKUP_KEEP_WEEKLY)'],
  ['--keep-monthly <n>', 'monthly backups kept (POKEMON_CRON_BACKUP_KEEP_MONTHLY)'],
  ['--history-retention-days <n>', 'run history kept, days (POKEMON_CRON_HISTORY_RETENTION_DAYS)'],
  ['--source <bundled|api|dir>', 'card source (POKEMON_CRON_SOURCE)'],
  ['--api-url <url>', 'Pokémon TCG API base URL (POKEMONTCG_API_URL)'],
  ['--api-key <key>', 'Pokémon TCG API key (POKEMONTCG_API_KEY; prefer the variable: flags show in ps)'],
  ['--slack-webhook-url <url>', 'Slack incoming webhook (SLACK_WEBHOOK_URL; prefer the variable)'],
  [
    '--healthchecks-url <url>',
    'Healthchecks base ping URL, + /<job> (POKEMON_CRON_HEALTHCHECKS_URL; prefer the variable)',
  ],
  ['--sentry-dsn <dsn>', 'Sentry DSN for Crons check-ins (SENTRY_DSN; prefer the variable)'],
  ['--sentry-environment <name>', 'Sentry environment of the check-ins (SENTRY_ENVIRONMENT)'],
  ['--tz <zone>', 'default timezone of schedules (POKEMON_CRON_TZ)'],
  ['--max-concurrency <n>', 'most runs at once (POKEMON_CRON_MAX_CONCURRENCY)'],
  ['--shutdown-grace-ms <ms>', 'grace period of a stop (POKEMON_CRON_SHUTDOWN_GRACE_MS)'],
  ['--isolation <mode>', 'where runs execute: thread|process|none (POKEMON_CRON_ISOLATION)'],
  ['--instance-id <id>', 'this instance in claims and history (POKEMON_CRON_INSTANCE_ID)'],
  ['--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (LOG_LEVEL)'],
  ['--log-format <format>', 'json|pretty|auto (LOG_FORMAT)'],
];

/** Builds the program; `runCli` parses with it. Exposed for help-text tests and embedding. */
function createProgram(io: CliIO): { program: Command; context: ReturnType<typeof createContext> } {
  const context = createContext(io);
  const program = new Command('cron-runner')
    .description('Runs the Pokémon TCG maintenance jobs: a CLI and a daemon over @pokemon/scheduler.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  for (const [flags, description] of CONFIG_OPTIONS) program.addOption(new Option(flags, description));
  for (const register of [
    registerStart,
    registerRun,
    registerList,
    registerStatus,
    registerHistory,
    registerAudit,
    registerSlots,
    registerPause,
    registerResume,
    registerBackfill,
    registerSchedule,
    registerPlan,
    registerBackups,
    registerConfig,
    registerConsoleToken,
  ]) {
    register(program, context);
  }
  program.commands.forEach((command) => {
    command.exitOverride();
  });
  return { program, context };
}

/** The exit code and the one line to print for an error thrown by a command. */
function describeFailure(error: unknown): { code: number; line: string } {
  // Already logged, with the number of runs it left behind.
  if (error instanceof ForcedStopError) return { code: error.exitCode, line: '' };
  if (error instanceof ConfigError || error instanceof UsageError) return { code: ExitCode.usage, line: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'UNKNOWN_JOB' || code === 'INVALID_SCHEDULE') return { code: ExitCode.usage, line: message };
  return { code: ExitCode.failure, line: `error: ${message}` };
}

/**
 * Runs `cron-runner` with `argv` (without the node and script paths) and
 * resolves with the exit code: 0 success, 1 job failure or unexpected error,
 * 2 bad usage or configuration. Never exits the process itself.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const { program, context } = createProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return ExitCode.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.success : ExitCode.usage;
    const { code, line } = describeFailure(error);
    if (line !== '') io.stderr.write(`${line}\n`);
    return code;
  }
}
