import type { SqliteTables } from '../tables.js';

/** Deletes a job row (its runs stay in history). */
export const deleteJob = (t: SqliteTables): string => `DELETE FROM ${t.jobs} WHERE name = @name`;
