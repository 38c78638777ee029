/**
 * The runner's logger (pino) and the adapter the scheduler library writes to.
 * Logs go to stderr so that stdout carries only command output (`--json`).
 */
import type { LogFields, Logger } from '@pokemon/scheduler';
import { type Logger as PinoLogger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { RunnerConfig } from './config.js';
import { describeResult } from './output/result-words.js';

export type { PinoLogger };

/** Where and how to log. */
export interface LogOutput {
  /** File descriptor to write to. @default 2 (stderr) */
  fd?: number;
  /** Whether that descriptor is a terminal (picks pretty output when `LOG_FORMAT=auto`). */
  isTTY: boolean;
}

/**
 * Creates the runner's pino logger: JSON lines, or pino-pretty on a terminal
 * (`LOG_FORMAT=auto`), at `LOG_LEVEL`. Writes synchronously, so nothing is
 * lost when the process exits right after a line.
 */
export function createLogger(config: Pick<RunnerConfig, 'log'>, output: LogOutput): PinoLogger {
  const fd = output.fd ?? 2;
  const prettyOutput = config.log.format === 'pretty' || (config.log.format === 'auto' && output.isTTY);
  const options = { level: config.log.level, base: { pid: process.pid } };
  if (prettyOutput) {
    // A job's result reads as one line of words; JSON logs keep the whole object.
    const customPrettifiers = { result: (value: unknown) => describeResult(value) };
    return pino(
      options,
      pretty({ destination: fd, sync: true, colorize: output.isTTY, ignore: 'pid,hostname', customPrettifiers }),
    );
  }
  return pino({ ...options, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: fd, sync: true }));
}

/**
 * Adapts a pino logger to the library's `Logger` (`info(message, fields)`),
 * keeping pino's child loggers so job and run ids land on every line.
 */
export function toLibraryLogger(logger: PinoLogger): Logger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      if (fields === undefined) logger[level](message);
      else logger[level](fields, message);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => toLibraryLogger(logger.child(fields)),
  };
}
