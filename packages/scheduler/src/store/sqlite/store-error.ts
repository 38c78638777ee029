import { dirname } from 'node:path';
import { StoreError } from '../../core/errors.js';

/** What the store knew when a driver call failed. */
interface SqliteFailureContext {
  /** The database file. */
  file: string;
  /** Whether the store was opened with `readonly: true`. */
  readonly: boolean;
}

/** The driver's own words, e.g. `SQLITE_BUSY: database is locked`. */
function driverDetail(code: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}

/** better-sqlite3 says so in a plain TypeError, without a SQLite code. */
function isMissingDirectory(code: string, error: unknown): boolean {
  return !code && error instanceof Error && /directory does not exist/i.test(error.message);
}

/** What failed and where, and what to do, for each SQLite failure (by code prefix). */
function explain(code: string, error: unknown, { file, readonly }: SqliteFailureContext): [string, string] {
  if (isMissingDirectory(code, error)) {
    return [
      `Cannot open SQLite file "${file}": directory "${dirname(file)}" does not exist`,
      'Create the directory first, or point `filename` at a file in an existing directory.',
    ];
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return readonly
      ? [
          `Cannot open SQLite file "${file}" read-only: it does not exist or cannot be read`,
          'Check the path, or run init() once with a writable store to create the file.',
        ]
      : [
          `Cannot open SQLite file "${file}"`,
          'Check that the path names a file (not a directory) and that this process may read and write it and its directory.',
        ];
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return [
      `SQLite file "${file}" is not a database or is corrupt`,
      'Restore it from a backup, or move it aside and point the store at a new file.',
    ];
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return readonly
      ? [
          `Cannot write SQLite file "${file}": the store was opened with \`readonly: true\``,
          'Use a writable store for writes.',
        ]
      : [
          `Cannot write SQLite file "${file}": it is read-only`,
          `Check the permissions of the file and of its directory (WAL mode creates "${file}-wal" and "${file}-shm" beside it), or open it with \`readonly: true\` for queries only.`,
        ];
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return [
      `SQLite file "${file}" stayed locked by another connection past the busy timeout`,
      'Look for a process holding a long write transaction on it, or raise `busyTimeoutMs`.',
    ];
  }
  if (code.startsWith('SQLITE_FULL')) {
    return [`The disk holding SQLite file "${file}" is full`, 'Free space, or prune history with pruneRuns().'];
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return [`Reading or writing SQLite file "${file}" failed`, 'Check the disk and the file system holding it.'];
  }
  return [
    `SQLite store on "${file}" failed`,
    `Retry; if it persists, check the file with \`sqlite3 "${file}" "PRAGMA integrity_check"\`.`,
  ];
}

/**
 * Wraps a better-sqlite3 failure in a {@link StoreError}: what failed and
 * where (the file), the driver's code and words, the operation, and what to
 * do. StoreErrors pass through.
 */
export function sqliteStoreError(operation: string, context: SqliteFailureContext, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const [what, todo] = explain(code, error, context);
  const detail = isMissingDirectory(code, error) ? '' : `${driverDetail(code, error)}; `;
  return new StoreError(operation, `${what} (${detail}during ${operation}). ${todo}`, {
    cause: error,
  });
}
