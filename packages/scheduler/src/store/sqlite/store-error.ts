import { StoreError } from '../../errors.js';

/** What to tell the user for each SQLite failure, by error code prefix. */
function advice(code: string, file: string): string {
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return `SQLite file "${file}" is not a database or is corrupt (${code}). Restore it from a backup, or move it aside and point the store at a new file.`;
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return `SQLite file "${file}" is read-only (${code}). Check the permissions of the file and of its directory (WAL mode creates "${file}-wal" and "${file}-shm" beside it), or open it with \`readonly: true\` for queries only.`;
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return `Cannot open SQLite file "${file}" (${code}). Check that its directory exists and is writable.`;
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `SQLite file "${file}" stayed locked by another connection past the busy timeout (${code}). Check for a process holding a long transaction.`;
  }
  if (code.startsWith('SQLITE_FULL'))
    return `The disk holding SQLite file "${file}" is full (${code}). Free space or prune history.`;
  return `SQLite store on "${file}" failed (${code || 'unknown error'}).`;
}

/** Wraps a better-sqlite3 failure in a {@link StoreError} naming the file and what to do (StoreErrors pass through). */
export function sqliteStoreError(operation: string, file: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const detail = error instanceof Error ? ` ${error.message}.` : '';
  return new StoreError(operation, `${advice(code, file)}${detail} (while running ${operation})`, { cause: error });
}
