/**
 * Errors the runner turns into exit codes. Anything else is an unexpected
 * failure (exit code 1).
 */

/** Exit codes of `cron-runner`. */
export const ExitCode = {
  /** The command (or the job) succeeded. */
  success: 0,
  /** The job failed (or an unexpected error happened). */
  failure: 1,
  /** Bad usage or configuration. */
  usage: 2,
} as const;

/**
 * A configuration or usage problem: printed as one line, exit code 2.
 *
 * @example
 * ```
 * POKEMON_CRON_MAX_CONCURRENCY: expected a whole number from 1 to 64, got "abc"
 * ```
 */
export class ConfigError extends Error {
  /** Stable code. */
  readonly code = 'RUNNER_CONFIG';
  /** The variable or flag at fault, when one is. */
  readonly variable: string | undefined;

  /**
   * @param message - the whole line, naming the variable and the expected form
   * @param variable - the variable or flag at fault
   */
  constructor(message: string, variable?: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** A usage problem found after parsing (an unknown job name, a bad date): exit code 2. */
export class UsageError extends Error {
  /** Stable code. */
  readonly code = 'RUNNER_USAGE';

  /** @param message - what was wrong and what to do */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A graceful stop had to leave runs behind: still running after the grace
 * period (stuck in a blocking call), they were recorded `cancelled` and the
 * process ends by the signal it received (exit status 130 or 143) instead of
 * waiting for them. Logged when raised; no error line.
 */
export class ForcedStopError extends Error {
  /** Stable code. */
  readonly code = 'RUNNER_FORCED_STOP';
  /** 130 (SIGINT) or 143 (SIGTERM). */
  readonly exitCode: number;

  /**
   * @param stuck - how many runs were still running after the grace period
   * @param exitCode - the status of the signal that asked for the stop
   */
  constructor(stuck: number, exitCode: number) {
    super(`${stuck} run(s) still running after the shutdown grace period`);
    this.name = 'ForcedStopError';
    this.exitCode = exitCode;
  }
}
