/**
 * Turns the pg driver's words for a missing password into a sentence naming
 * the setting: a SCRAM server asked for a password the store URL does not carry.
 */
import { ConfigError } from './errors.js';

/** pg's message when a SCRAM server asks for a password and none was given. */
const MISSING_PASSWORD = /client password must be a string/;

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 10; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  return chain;
}

/**
 * A {@link ConfigError} naming `variable` when `error` (or one of its causes)
 * is pg's missing-password failure; `error` itself otherwise.
 */
export function explainStoreAuthError(error: unknown, variable: string): unknown {
  const missing = causes(error).some((e) => e instanceof Error && MISSING_PASSWORD.test(e.message));
  if (!missing) return error;
  return new ConfigError(
    `${variable}: the PostgreSQL server asks for a password (SCRAM authentication) and none was given; ` +
      'put it in the URL (postgres://user:PASSWORD@host/db) or set PGPASSWORD',
    variable,
  );
}
