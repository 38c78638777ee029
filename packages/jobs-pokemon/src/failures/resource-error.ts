/**
 * A job could not use one of the resources it is configured with: the
 * catalogue file, the card API, the PostgreSQL primary. The message names the
 * resource (a file path, a URL without its key, `host:port` without the
 * password), the setting that points at it and the cause, and says what to do.
 * `code` is the original error's code (`SQLITE_CANTOPEN`, `ECONNREFUSED`,
 * `28P01`...), and the original error is the `cause`.
 *
 * @example
 * ```
 * Catalogue /srv/data/pokemon.sqlite3 (catalogPath; runner: POKEMON_CRON_DB): cannot open it: the directory /srv/data does not exist. Create it or point POKEMON_CRON_DB elsewhere.
 * ```
 */
export class ResourceError extends Error {
  /** The original error's code, e.g. `SQLITE_CANTOPEN`, `ECONNREFUSED`, `28P01`; `RESOURCE_FAILED` when it had none. */
  readonly code: string;
  /** The resource: a file path, a URL (without its key) or `host:port`. */
  readonly resource: string;
  /** The option (and the runner's variable) naming the resource, e.g. `catalogPath (POKEMON_CRON_DB)`. */
  readonly setting: string;
  /**
   * Whether retrying cannot help (authentication failed, missing file or
   * database, read-only file, permission denied). The jobs do not retry such
   * an error; see `isPermanentError`.
   */
  readonly permanent: boolean;
  /** `!permanent`: a permanent failure is not retried by the scheduler (nor by `retry()`). */
  readonly retryable: boolean;

  /**
   * @param message - the whole message: resource, setting, cause and what to do
   * @param details - resource, setting, whether it is permanent, and the original `code`
   * @param options - standard `ErrorOptions` (`cause`: the original error)
   */
  constructor(
    message: string,
    details: { resource: string; setting: string; permanent: boolean; code?: string | undefined },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ResourceError';
    this.code = details.code ?? 'RESOURCE_FAILED';
    this.resource = details.resource;
    this.setting = details.setting;
    this.permanent = details.permanent;
    this.retryable = !details.permanent;
  }
}

/** The `code` of an error (Node errno codes, SQLite and PostgreSQL codes), or `undefined`. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
