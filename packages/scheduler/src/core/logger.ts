/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * The logging interface the library writes to. It matches pino, winston and
 * `console`-like adapters: a message and structured fields. The library owns
 * no logger; pass one to `createScheduler` or it stays silent.
 */
export interface Logger {
  /** Detailed diagnostics (timer arming, claims). */
  debug(message: string, fields?: LogFields): void;
  /** Normal operation (run started, succeeded). */
  info(message: string, fields?: LogFields): void;
  /** Something unusual that the library handled (overdue wake, clock skew). */
  warn(message: string, fields?: LogFields): void;
  /** A failure (run failed, store unreachable, notifier failed). */
  error(message: string, fields?: LogFields): void;
  /** Returns a logger that adds `fields` to every line. Optional: the library falls back to merging fields itself. */
  child?(fields: LogFields): Logger;
}

/** A logger that discards everything: the default. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * Returns a logger that adds `fields` to every line of `logger`, using its
 * own `child()` when it has one.
 */
export function childLogger(logger: Logger, fields: LogFields): Logger {
  if (logger.child) return logger.child(fields);
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra }),
    child: (more) => childLogger(logger, { ...fields, ...more }),
  };
}
