import { StoreError } from '../../errors.js';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
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

function advice(code: string, message: string, target: string): string {
  if (isConnectionFailure(code, message)) {
    return `PostgreSQL at ${target} is unreachable or dropped the connection (${code || message}). Check that the server is running and reachable; the store reconnects on the next operation once it is.`;
  }
  if (code === '28P01' || code === '28000') {
    return `PostgreSQL at ${target} rejected the credentials (${code}). Check the user and password of the connection string.`;
  }
  if (code === '3D000') return `PostgreSQL at ${target}: the database does not exist (${code}). Create it first.`;
  if (code === '42501') {
    return `PostgreSQL at ${target}: permission denied (${code}). Grant the store's user CREATE on the database (for the schema) or create the schema for it.`;
  }
  return `PostgreSQL store at ${target} failed (${code || 'error'}).`;
}

/** Wraps a pg failure in a {@link StoreError} naming the server (never the password) and what to do. */
export function pgStoreError(operation: string, target: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(operation, `${advice(code, message, target)} ${message} (while running ${operation})`, {
    cause: error,
  });
}

/** `host:port` of a connection string, without credentials. */
export function describeConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.searchParams.get('host') ?? (url.hostname || 'localhost');
    return `${host}:${url.port || '5432'}${url.pathname && url.pathname !== '/' ? url.pathname : ''}`;
  } catch {
    return 'the configured server';
  }
}

/** `host:port` of a caller's pool, as far as pg exposes it. */
export function describePool(pool: unknown): string {
  const options = (pool as { options?: { host?: unknown; port?: unknown; connectionString?: unknown } }).options;
  if (typeof options?.connectionString === 'string') return describeConnectionString(options.connectionString);
  if (typeof options?.host === 'string') return `${options.host}:${String(options.port ?? 5432)}`;
  return 'the pool’s server';
}
