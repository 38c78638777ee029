import type { SqliteTables } from '../tables.js';

/** Every job row, by name. */
export const selectJobs = (t: SqliteTables): string => `SELECT * FROM ${t.jobs} ORDER BY name`;
