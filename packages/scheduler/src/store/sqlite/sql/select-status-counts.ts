import type { SqliteTables } from '../tables.js';

/** Runs of a job scheduled in `[from, to)`, counted by status. */
export const selectStatusCounts = (t: SqliteTables): string => `
SELECT status, count(*) AS n FROM ${t.runs}
WHERE job = @job AND scheduled_for >= @from AND scheduled_for < @to
GROUP BY status`;
