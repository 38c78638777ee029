/** Prefix of every backup file this package writes; rotation never touches other files. */
const BACKUP_PREFIX = 'pokemon-catalogue-';
/** Extension of a backup. */
const BACKUP_SUFFIX = '.sqlite3.gz';
/** Prefix of temporary files (cleaned by `cleanup-stale-data` when old). */
export const TEMP_PREFIX = '.tmp-pokemon-';

const NAME = /^pokemon-catalogue-(\d{8}T\d{6}(?:\d{3})?Z)\.sqlite3\.gz$/;

function compact(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** `pokemon-catalogue-20260101T000000123Z.sqlite3.gz` for a creation time. */
export function backupFileName(createdAt: Date): string {
  return `${BACKUP_PREFIX}${compact(createdAt)}${BACKUP_SUFFIX}`;
}

/** The manifest beside a backup file. */
export function manifestFileName(backupName: string): string {
  return `${backupName}.manifest.json`;
}

/** The creation time encoded in a backup file name, or `undefined` when it is not one of ours. */
export function parseBackupFileName(name: string): Date | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const s = match[1]!;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.length > 16 ? s.slice(15, 18) : '000'}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
