import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { isPermanentError } from '../failures/permanent.js';
import { errorCode, ResourceError } from '../failures/resource-error.js';

/** How the catalogue is named in messages: the option and the runner's variable. */
const SETTING = 'catalogPath; runner: POKEMON_CRON_DB';

/** Node's errno codes in words. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way',
  ENOSPC: 'no space left on the device',
};

/** Why a path cannot be opened, found by looking at the file system: a sentence, or `undefined`. */
function diagnoseOpen(path: string): string | undefined {
  try {
    return diagnose(path);
  } catch {
    return undefined;
  }
}

function diagnose(path: string): string | undefined {
  const dir = dirname(path);
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) return `the directory ${dir} does not exist. Create it or point POKEMON_CRON_DB elsewhere.`;
  if (!dirStat.isDirectory()) return `${dir} is not a directory. Point POKEMON_CRON_DB at a file in a directory.`;
  const fileStat = statSync(path, { throwIfNoEntry: false });
  if (fileStat?.isDirectory()) return 'it is a directory, not a file. Point POKEMON_CRON_DB at a file.';
  if (fileStat && !canAccess(path, constants.R_OK | constants.W_OK)) {
    return 'permission denied on the file. Give the runner read and write access to it.';
  }
  if (!canAccess(dir, constants.W_OK | constants.X_OK)) {
    return `permission denied on the directory ${dir} (SQLite writes its journal beside the file). Give the runner write access to it.`;
  }
  if (!fileStat) return 'the file does not exist. Run sync-missing-sets to create it, or point POKEMON_CRON_DB at it.';
  return undefined;
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** The sentence for `error` (from opening or using the catalogue): what is wrong and what to do. */
function describe(path: string, error: Error, opening: boolean): string {
  const code = errorCode(error) ?? '';
  const driver = `(${code ? `${code}: ` : ''}${error.message})`;
  if (opening && (error as NodeJS.ErrnoException).syscall === 'mkdir') {
    const text = ERRNO_TEXT[code] ?? error.message;
    return `cannot create its directory ${dirname(path)}: ${text} (${code}). Create it, or point POKEMON_CRON_DB at a writable directory.`;
  }
  if (code.startsWith('SQLITE_CANTOPEN') || (opening && /^E[A-Z]+$/.test(code))) {
    return `cannot open it: ${diagnoseOpen(path) ?? `${error.message}.`} ${driver}`;
  }
  if (code === 'SQLITE_NOTADB') {
    return `it is not a SQLite database ${driver}. Move it away (a sync creates a new one) or restore a backup.`;
  }
  if (code.startsWith('SQLITE_CORRUPT')) return `it is corrupt ${driver}. Restore a backup.`;
  if (code.startsWith('SQLITE_READONLY')) {
    const why = diagnoseOpen(path) ?? 'the file, its directory or the file system is read-only.';
    return `cannot write to it: ${why} ${driver}`;
  }
  if (code === 'SQLITE_FULL') {
    return `the disk holding it is full ${driver}. Free space on the file system of ${dirname(path)}.`;
  }
  return `${error.message}${code ? ` (${code})` : ''}`;
}

/**
 * Turns an error from opening or using the catalogue into a
 * {@link ResourceError} naming the file, `POKEMON_CRON_DB` and the cause
 * (directory missing, permission denied, not a database, read-only, disk
 * full), keeping the original code. `opening`: the error came from opening
 * the file (so a file-system error is about it).
 */
export function catalogueError(path: string, thrown: unknown, opening: boolean): ResourceError {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  if (error instanceof ResourceError) return error;
  return new ResourceError(
    `Catalogue ${path} (${SETTING}): ${describe(path, error, opening)}`,
    { resource: path, setting: SETTING, permanent: isPermanentError(error), code: errorCode(error) },
    { cause: error },
  );
}

/** Whether `error` came from SQLite (better-sqlite3's `SqliteError` codes start with `SQLITE_`). */
export function isSqliteError(error: unknown): boolean {
  return errorCode(error)?.startsWith('SQLITE_') === true;
}
