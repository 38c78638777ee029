import type { SqliteTables } from '../tables.js';

/** Deletes finished runs scheduled before `@olderThan`. */
export const pruneOlderThan = (t: SqliteTables): string =>
  `DELETE FROM ${t.runs} WHERE status <> 'running' AND scheduled_for < @olderThan`;
