import type { PgTables } from '../tables.js';

/** Runs of a job ($1) scheduled in [$2, $3), counted by status. */
export const selectStatusCounts = (t: PgTables): string => `
SELECT status, count(*)::integer AS n FROM ${t.runs}
WHERE job = $1 AND scheduled_for >= $2 AND scheduled_for < $3
GROUP BY status`;
