/**
 * What every command receives: the process's streams and environment (so
 * commands never touch `process` directly), and helpers to load the
 * configuration and a runner.
 */

import { setTimeout as delay } from 'node:timers/promises';
import { createMemoryStore } from '@pokemon/scheduler';
import type { Command } from 'commander';
import { checkPaths } from './check-paths.js';
import { type ConfigFlags, loadConfig, type RunnerConfig } from './config.js';
import { ForcedStopError } from './errors.js';
import { createLogger, type PinoLogger } from './logging.js';
import { noStoreError, openReadStore, type ReadStore } from './read-store.js';
import { createRunner, type Runner } from './runner.js';
import { runUntilStopped } from './stop-guard.js';
import { explainStoreAuthError } from './store-auth-error.js';

const CLOSE_AFTER_FORCED_STOP_MS = 2_000;

/** A stream the CLI writes to. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** Whether it is a terminal. */
  isTTY?: boolean;
  /** Its width in characters, when a terminal. */
  columns?: number;
}

/** The process as the CLI sees it; `cli.ts` passes the real one, tests their own. */
export interface CliIO {
  /** Command output (tables, JSON). */
  stdout: OutputStream;
  /** Logs, progress and error lines. */
  stderr: OutputStream;
  /** The environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on the first SIGTERM/SIGINT: the daemon stops gracefully, a `run` is cancelled. */
  shutdown: AbortSignal;
}

/** How a command uses the runner it asks for. */
export interface WithRunnerOptions {
  /** Log only warnings unless a log level was asked for. */
  quiet?: boolean;
  /**
   * `read`: open the store read-only and fail with one line (exit 2) when the
   * SQLite store does not exist; `read-or-empty`: the same, but an absent store
   * reads as an empty one (with a note on stderr). Default: open for writing, creating it.
   */
  access?: 'write' | 'read' | 'read-or-empty';
}

/** Helpers shared by the commands. */
export interface CommandContext {
  /** The process. */
  readonly io: CliIO;
  /** The exit code the CLI will return; commands set it (e.g. 1 when a job failed). */
  exitCode: number;
  /** Loads the configuration from the environment and the command's (and its parents') flags. */
  config(command: Command): RunnerConfig;
  /** A logger for `config`, on stderr. */
  logger(config: RunnerConfig): PinoLogger;
  /**
   * Builds a runner, calls `fn`, and closes the runner whatever happens.
   * `quiet` (read commands) logs only warnings unless a log level was asked for.
   */
  withRunner<T>(command: Command, fn: (runner: Runner) => Promise<T>, options?: WithRunnerOptions): Promise<T>;
  /** The width tables must fit on stdout: `COLUMNS`, else the terminal's; `undefined` (no limit) when piped. */
  width(): number | undefined;
  /** Writes a line to stdout. */
  print(text: string): void;
  /** Writes `value` as JSON to stdout. */
  printJson(value: unknown): void;
}

/** Creates the context for one CLI invocation. */
export function createContext(io: CliIO): CommandContext {
  const context: CommandContext = {
    io,
    exitCode: 0,
    config: (command) => loadConfig(io.env, command.optsWithGlobals<ConfigFlags>()),
    logger: (config) => createLogger(config, { isTTY: io.stderr.isTTY === true }),
    async withRunner(command, fn, options) {
      let config = context.config(command);
      checkPaths(config);
      const levelAsked =
        io.env.LOG_LEVEL !== undefined || command.optsWithGlobals<ConfigFlags>().logLevel !== undefined;
      const quiet = options?.quiet ?? (options?.access ?? 'write') !== 'write';
      if (quiet && !levelAsked) config = { ...config, log: { ...config.log, level: 'warn' } };
      const readStore = await storeFor(config, options?.access ?? 'write', io.stderr);
      try {
        const runner = await createRunner(config, {
          logger: context.logger(config),
          ...(readStore ? { store: readStore.store } : {}),
        }).catch((error: unknown) => {
          throw explainStoreAuthError(error, 'POKEMON_CRON_STORE');
        });
        let forced = false;
        try {
          return await runUntilStopped(runner, io.shutdown, fn(runner));
        } catch (error) {
          forced = error instanceof ForcedStopError;
          throw error;
        } finally {
          // A stuck job may hold what closing waits for: after a forced stop, close for a moment at most.
          await (forced ? Promise.race([runner.close(), delay(CLOSE_AFTER_FORCED_STOP_MS)]) : runner.close());
        }
      } finally {
        await readStore?.close();
      }
    },
    width: () => {
      const columns = Number(io.env.COLUMNS);
      if (Number.isInteger(columns) && columns > 0) return columns;
      return io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
    },
    print: (text) => {
      io.stdout.write(`${text}\n`);
    },
    printJson: (value) => {
      io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
  return context;
}

/** The store of a read command (`undefined`: the runner opens it for writing). */
async function storeFor(
  config: RunnerConfig,
  access: NonNullable<WithRunnerOptions['access']>,
  stderr: OutputStream,
): Promise<ReadStore | undefined> {
  if (access === 'write') return undefined;
  const opened = await openReadStore(config.store);
  if (opened) return opened;
  const path = config.store.kind === 'sqlite' ? config.store.path : '';
  if (access === 'read') throw noStoreError(path);
  stderr.write(`note: no scheduler store at "${path}" yet; \`cron-runner start\` creates it.\n`);
  const store = createMemoryStore();
  return { store, close: () => store.close() };
}
