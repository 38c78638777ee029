import type { PgTables } from '../tables.js';

/** Job rows by name: all, or with `changed` those updated at or after $1. */
export const selectJobs = (t: PgTables, changed = false): string =>
  `SELECT * FROM ${t.jobs}${changed ? ' WHERE updated_at >= $1' : ''} ORDER BY name`;
