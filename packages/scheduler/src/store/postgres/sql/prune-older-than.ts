import type { PgTables } from '../tables.js';

/** Deletes finished runs scheduled before $1. */
export const pruneOlderThan = (t: PgTables): string =>
  `DELETE FROM ${t.runs} WHERE status <> 'running' AND scheduled_for < $1`;
