import Database from 'better-sqlite3';

/** What {@link checkDatabaseFile} found in a SQLite file. */
interface DatabaseCheck {
  /** `PRAGMA integrity_check` said `ok`. */
  ok: boolean;
  /** The problems `integrity_check` reported (first 20), empty when ok. */
  problems: string[];
  /** Row counts. */
  counts: { sets: number; cards: number };
  /** `PRAGMA user_version`. */
  schemaVersion: number;
}

/** Opens a catalogue file read-only and runs `integrity_check` and row counts. */
export function checkDatabaseFile(path: string): DatabaseCheck {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const problems = (db.pragma('integrity_check(20)') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((line) => line !== 'ok');
    const count = (table: string): number => {
      try {
        return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      } catch (error) {
        problems.push(`cannot count ${table}: ${(error as Error).message}`);
        return -1;
      }
    };
    return {
      ok: problems.length === 0,
      problems,
      counts: { sets: count('sets'), cards: count('cards') },
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}
