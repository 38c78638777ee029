import { isRetryable } from '@pokemon/scheduler';
import { errorCode } from './resource-error.js';

/** Codes of failures a retry cannot fix: missing, misplaced or unreadable files, read-only storage, bad credentials, a missing database. */
const PERMANENT_CODES = new Set([
  'ENOENT',
  'EEXIST',
  'ENOTDIR',
  'EISDIR',
  'EACCES',
  'EPERM',
  'EROFS',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_AUTH',
  '28P01', // invalid_password
  '28000', // invalid_authorization_specification (no such role, pg_hba.conf rejects)
  '3D000', // invalid_catalog_name: the database does not exist
]);

/** Whether `code` (`SQLITE_READONLY_DBMOVED` counts as `SQLITE_READONLY`) is a permanent failure. */
function isPermanentCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  if (PERMANENT_CODES.has(code)) return true;
  const sqliteBase = /^(SQLITE_[A-Z]+)_/.exec(code)?.[1];
  return sqliteBase !== undefined && PERMANENT_CODES.has(sqliteBase);
}

/** A 401 or 403 answer: the credentials are wrong, asking again will not change that. */
function isAuthStatus(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return status === 401 || status === 403;
}

/**
 * Whether retrying `error` cannot help: a non-retryable error (a
 * `NonRetryableError`, one of this package's errors, any error whose
 * `retryable` is `false`), an error flagged `permanent: true` (a `ResourceError`; `permanent: false` is taken
 * at its word), or one whose code, or its causes'
 * codes, says authentication failed (PostgreSQL `28P01`/`28000`, HTTP 401/403),
 * a file or database is missing or misplaced (`ENOENT`, `ENOTDIR`, `EEXIST`,
 * `SQLITE_CANTOPEN`, `3D000`), a file is not a database or is corrupt
 * (`SQLITE_NOTADB`, `SQLITE_CORRUPT`), or storage is read-only or forbidden
 * (`EROFS`, `EACCES`, `EPERM`, `SQLITE_READONLY`). Timeouts, refused connections, locks and full disks are
 * not permanent: they may pass.
 */
export function isPermanentError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (!isRetryable(current)) return true;
    const flag = (current as { permanent?: unknown }).permanent;
    if (typeof flag === 'boolean') return flag;
    if (isPermanentCode(errorCode(current)) || isAuthStatus(current)) return true;
    current = current.cause;
  }
  return false;
}

/**
 * The `retryIf` of the Pokémon jobs: retry unless {@link isPermanentError}.
 * Use it in your own jobs built on these services.
 *
 * @example
 * ```ts
 * defineJob({ name: 'my-sync', schedule: '@daily', retry: { attempts: 3, retryIf: retryUnlessPermanent }, run });
 * ```
 */
export function retryUnlessPermanent(error: Error): boolean {
  return !isPermanentError(error);
}
