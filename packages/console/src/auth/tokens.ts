/**
 * Console tokens: a name, a role and the SHA-256 of a high-entropy secret. The secret itself is
 * never kept; a presented token is hashed and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConsoleConfigError } from '../errors.js';
import { CONSOLE_ROLES, type ConsoleRole, isConsoleRole } from './roles.js';

/** A token the console accepts, as configured: its secret only as a hash. */
export interface ConsoleToken {
  /** Who holds it; recorded as the actor of the actions taken with it. Letters, digits, `-`, `_`, `@`. */
  name: string;
  /** What it may do. */
  role: ConsoleRole;
  /** `sha256:` followed by the hex SHA-256 of the secret (see {@link hashToken}). */
  hash: string;
}

/** Shortest secret accepted by {@link hashToken}: below this a SHA-256 could be brute-forced. */
const MIN_SECRET_LENGTH = 24;
const NAME = /^[A-Za-z0-9_@-]{1,64}$/;
const HASH = /^sha256:[0-9a-f]{64}$/;

/**
 * Hashes a secret for a token entry (`name:role:<hash>`).
 *
 * @throws {@link ConsoleConfigError} when the secret is shorter than 24 characters
 * @example
 * ```ts
 * const line = `alice:operator:${hashToken(secret)}`;
 * ```
 */
export function hashToken(secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConsoleConfigError(
      `Expected a token secret of at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}; generate one with generateTokenSecret()`,
    );
  }
  return `sha256:${createHash('sha256').update(secret).digest('hex')}`;
}

/** A new random secret (32 bytes, base64url) for a token. */
export function generateTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Parses token entries, one per line or comma-separated: `name:role:sha256:<hex>`. Blank lines
 * and lines starting with `#` are ignored.
 *
 * @param source - where the entries come from, named in error messages (e.g. an environment variable)
 * @throws {@link ConsoleConfigError} naming the entry (by position, never its hash) and what is wrong
 */
export function parseTokens(text: string, source: string): ConsoleToken[] {
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const tokens = entries.map((entry, index) => parseEntry(entry, `${source}, entry ${index + 1}`));
  assertUniqueNames(tokens, source);
  return tokens;
}

function parseEntry(entry: string, where: string): ConsoleToken {
  const [name = '', role = '', ...rest] = entry.split(':');
  const hash = rest.join(':');
  if (!NAME.test(name)) {
    throw new ConsoleConfigError(`${where}: expected a name of letters, digits, "-", "_" or "@" before the first ":"`);
  }
  if (!isConsoleRole(role)) {
    throw new ConsoleConfigError(`${where} (${name}): expected a role (${CONSOLE_ROLES.join(', ')}), got "${role}"`);
  }
  if (!HASH.test(hash)) {
    throw new ConsoleConfigError(
      `${where} (${name}): expected "sha256:" and 64 hex digits after the role (the hash of the secret, not the secret; see hashToken)`,
    );
  }
  return { name, role, hash };
}

/** Checks a list of tokens given programmatically (names unique, roles and hashes well formed). */
export function validateTokens(tokens: readonly ConsoleToken[], source: string): void {
  for (const [index, token] of tokens.entries()) {
    parseEntry(`${token.name}:${token.role}:${token.hash}`, `${source}[${index}]`);
  }
  assertUniqueNames(tokens, source);
}

function assertUniqueNames(tokens: readonly ConsoleToken[], source: string): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (seen.has(token.name)) throw new ConsoleConfigError(`${source}: the name "${token.name}" is used twice`);
    seen.add(token.name);
  }
}

/** The configured token whose hash matches `secret`, compared in constant time against each. */
export function findToken(tokens: readonly ConsoleToken[], secret: string): ConsoleToken | undefined {
  const presented = createHash('sha256').update(secret).digest();
  let found: ConsoleToken | undefined;
  for (const token of tokens) {
    const stored = Buffer.from(token.hash.slice('sha256:'.length), 'hex');
    if (timingSafeEqual(stored, presented)) found ??= token;
  }
  return found;
}
