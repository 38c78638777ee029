import type { PgTables } from '../tables.js';

/** Every job row, by name. */
export const selectJobs = (t: PgTables): string => `SELECT * FROM ${t.jobs} ORDER BY name`;
