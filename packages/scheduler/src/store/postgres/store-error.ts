import { StoreError } from '../../core/errors.js';

/** What the store knew when a pg call failed. */
export interface PgFailureContext {
  /** `host:port/database`, never credentials. */
  target: string;
  /** The store's schema. */
  schema: string;
  /** Strings never to repeat in a message (the password). */
  secrets: readonly string[];
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

function isConnectionFailure(code: string, message: string): boolean {
  return (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}

/** What failed and where, and what to do, for each PostgreSQL failure (SQLSTATE or Node error code). */
function explain(code: string, message: string, { target, schema }: PgFailureContext): [string, string] {
  if (isConnectionFailure(code, message)) {
    return [
      `PostgreSQL at ${target} is unreachable or dropped the connection`,
      'Check that the server is running and reachable from this host; the store reconnects on the next operation once it is.',
    ];
  }
  if (code === '28P01' || code === '28000') {
    return [
      `PostgreSQL at ${target} rejected the credentials`,
      'Check the user and password of the connection string.',
    ];
  }
  if (code === '3D000') {
    return [
      `PostgreSQL at ${target}: the database does not exist`,
      'Create it (CREATE DATABASE), or fix the database name in the connection string.',
    ];
  }
  if (code === '42501') {
    return [
      `PostgreSQL at ${target}: permission denied on schema "${schema}"`,
      `Grant the store's user CREATE on the database, or create schema "${schema}" owned by that user.`,
    ];
  }
  if (code === '53300') {
    return [
      `PostgreSQL at ${target} refused a new connection: too many clients`,
      "Lower `max` of the stores' pools, or raise the server's max_connections.",
    ];
  }
  if (code === '42P01' || code === '42883') {
    return [
      `PostgreSQL at ${target}: the store's tables in schema "${schema}" are missing or incomplete`,
      'Was the schema dropped while the store was in use? Create a new store and call init() to recreate it.',
    ];
  }
  if (code === '57014') {
    return [`PostgreSQL at ${target} cancelled the statement`, 'Check statement_timeout and the server log; retry.'];
  }
  if (code === '40001' || code === '40P01') {
    return [`PostgreSQL at ${target} aborted the transaction (conflict with another one)`, 'Retry the operation.'];
  }
  return [`PostgreSQL store at ${target} failed`, 'Check the server log at that time for details.'];
}

/** The driver's words; an AggregateError (one failure per address) has an empty message of its own. */
function driverMessage(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** `text` without any of `secrets`. */
function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret ? out.split(secret).join('***') : out), text);
}

/**
 * Wraps a pg failure in a {@link StoreError}: what failed and where
 * (host:port/database, never the password), the driver's code and words, the
 * operation, and what to do. StoreErrors pass through.
 */
export function pgStoreError(operation: string, context: PgFailureContext, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = driverMessage(error);
  const [what, todo] = explain(code, message, context);
  const detail = [code, message].filter(Boolean).join(': ');
  return new StoreError(
    operation,
    redact(`${what} (${detail ? `${detail}; ` : ''}during ${operation}). ${todo}`, context.secrets),
    { cause: error },
  );
}

/** `host:port/database` of a connection string, without credentials. */
export function describeConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.searchParams.get('host') ?? (url.hostname || 'localhost');
    return `${host}:${url.port || '5432'}${url.pathname && url.pathname !== '/' ? url.pathname : ''}`;
  } catch {
    return 'the configured server';
  }
}

/** `host:port/database` of a caller's pool, as far as pg exposes it. */
export function describePool(pool: unknown): string {
  const options = (
    pool as { options?: { host?: unknown; port?: unknown; database?: unknown; connectionString?: unknown } }
  ).options;
  if (typeof options?.connectionString === 'string') return describeConnectionString(options.connectionString);
  if (typeof options?.host === 'string') {
    const database = typeof options.database === 'string' ? `/${options.database}` : '';
    return `${options.host}:${String(options.port ?? 5432)}${database}`;
  }
  return 'the pool’s server';
}

/** The password of a connection string or pool, to keep out of messages. */
export function connectionSecrets(connection: { connectionString: string } | { pool: unknown }): string[] {
  if ('connectionString' in connection) {
    try {
      const url = new URL(connection.connectionString);
      return url.password ? [url.password, decodeURIComponent(url.password)] : [];
    } catch {
      return [];
    }
  }
  const options = (connection.pool as { options?: { password?: unknown; connectionString?: unknown } }).options;
  if (typeof options?.connectionString === 'string')
    return connectionSecrets({ connectionString: options.connectionString });
  return typeof options?.password === 'string' && options.password ? [options.password] : [];
}
