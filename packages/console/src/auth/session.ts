/**
 * The console's session cookie: `<name>.<expiresAtMs>.<mac>`, the MAC an HMAC-SHA-256 keyed by
 * the token's stored hash. Stateless, so every instance with the same tokens accepts it, and
 * removing (or re-hashing) a token ends its sessions. The cookie holds no secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConsoleToken } from './tokens.js';

/** The cookie's name. */
export const SESSION_COOKIE = 'pokemon_console_session';

function mac(token: ConsoleToken, expiresAtMs: number): string {
  return createHmac('sha256', token.hash).update(`${token.name}.${token.role}.${expiresAtMs}`).digest('base64url');
}

/** The cookie value of a session for `token` ending at `expiresAtMs`. */
export function sessionValue(token: ConsoleToken, expiresAtMs: number): string {
  return `${token.name}.${expiresAtMs}.${mac(token, expiresAtMs)}`;
}

/** The token a cookie value signs for, when it is authentic and not expired at `nowMs`. */
export function verifySession(
  tokens: readonly ConsoleToken[],
  value: string,
  nowMs: number,
): { token: ConsoleToken; expiresAtMs: number } | undefined {
  const [name, expires, presented, ...extra] = value.split('.');
  if (!name || !expires || !presented || extra.length > 0) return undefined;
  const expiresAtMs = Number(expires);
  if (!Number.isSafeInteger(expiresAtMs) || expiresAtMs <= nowMs) return undefined;
  const token = tokens.find((candidate) => candidate.name === name);
  if (!token) return undefined;
  const expected = Buffer.from(mac(token, expiresAtMs));
  const given = Buffer.from(presented);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { token, expiresAtMs };
}

/** A `Set-Cookie` header value: HttpOnly, SameSite=Strict, Secure over HTTPS, scoped to `path`. */
export function sessionCookie(value: string, options: { path: string; maxAgeS: number; secure: boolean }): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeS}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
