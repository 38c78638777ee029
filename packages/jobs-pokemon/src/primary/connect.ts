import pg from 'pg';
import { primaryConnectError } from './primary-errors.js';

/**
 * Opens one client to the primary for the duration of a job run. The caller
 * ends it. Aborting `signal` ends the connection, which fails the query in flight.
 * A failed connection throws a `ResourceError` naming `PRIMARY_DATABASE_URL`,
 * `host:port/database` (never the password) and the cause.
 */
export async function connectPrimary(url: string, signal?: AbortSignal): Promise<pg.Client> {
  signal?.throwIfAborted();
  const client = new pg.Client({
    connectionString: url,
    application_name: 'pokemon-jobs',
    connectionTimeoutMillis: 10_000,
  });
  // A broken connection emits 'error'; the query in flight rejects too, so only keep the process alive.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    signal?.throwIfAborted();
    throw primaryConnectError(url, error);
  }
  if (signal) {
    const onAbort = (): void => void client.end().catch(() => {});
    signal.addEventListener('abort', onAbort, { once: true });
    client.once('end', () => signal.removeEventListener('abort', onAbort));
  }
  return client;
}
