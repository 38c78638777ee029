import type { PgTables } from '../tables.js';

/** Deletes a job row ($1 name); its runs stay in history. */
export const deleteJob = (t: PgTables): string => `DELETE FROM ${t.jobs} WHERE name = $1`;
