/** One configuration variable (its env name, flag, schema and secrecy) and the value rules the variables share. */
import { z } from 'zod';
import type { ConfigFlags } from './types.js';

/**
 * How much of a wrong value an error line may show: `shown` (not a secret),
 * `hidden` (the whole value is a secret: token, key, webhook URL) or `url`
 * (a database URL that may carry a password: shown only when it is a plain path).
 */
export type Secrecy = 'shown' | 'hidden' | 'url';

/** One configuration variable: its env name, its flag, its schema and the words used when it is wrong. */
export interface Variable<T> {
  env: string;
  flag: keyof ConfigFlags;
  expected: string;
  schema: z.ZodType<T, string>;
  defaultValue: string | undefined;
  secrecy: Secrecy;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const nonEmpty = z.string().trim().min(1);

export function wholeNumber(min: number, max: number): z.ZodType<number, string> {
  return z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A postgres:// URL with a host (or a `host=` parameter, for a Unix socket). */
export function isPostgresUrl(value: string): boolean {
  if (!isUrl(value, ['postgres:', 'postgresql:'])) return false;
  const url = new URL(value);
  return url.hostname !== '' || url.searchParams.has('host');
}

export const postgresUrl = nonEmpty.refine(isPostgresUrl);
export const httpUrl = nonEmpty.refine((v) => isUrl(v, ['http:', 'https:']));

/** `https://<public key>@<host>[/<path>]/<project id>` */
export function isSentryDsn(value: string): boolean {
  if (!isUrl(value, ['http:', 'https:'])) return false;
  const url = new URL(value);
  return url.username !== '' && /\/\d+$/.test(url.pathname);
}

export function variable<T>(
  env: string,
  flag: keyof ConfigFlags,
  expected: string,
  schema: z.ZodType<T, string>,
  defaultValue?: string,
  secrecy: Secrecy = 'shown',
): Variable<T> {
  return { env, flag, expected, schema, defaultValue, secrecy };
}
