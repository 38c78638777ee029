/**
 * A console configuration error (a malformed token entry, a bad option), thrown when the
 * console is created: never at request time.
 */
export class ConsoleConfigError extends Error {
  override readonly name = 'ConsoleConfigError';
  /** Stable code. */
  readonly code = 'CONSOLE_CONFIG';
}
