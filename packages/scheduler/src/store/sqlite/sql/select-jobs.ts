import type { SqliteTables } from '../tables.js';

/** Job rows by name: all, or with `changed` those updated at or after @since (ms). */
export const selectJobs = (t: SqliteTables, changed = false): string =>
  `SELECT * FROM ${t.jobs}${changed ? ' WHERE updated_at >= @since' : ''} ORDER BY name`;
