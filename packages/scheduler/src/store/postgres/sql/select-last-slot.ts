import type { PgTables } from '../tables.js';

/** The latest slot of a job ($1) recorded by a schedule or catch-up trigger. */
export const selectLastSlot = (t: PgTables): string => `
SELECT scheduled_for FROM ${t.runs}
WHERE job = $1 AND run_trigger IN ('schedule', 'catch-up')
ORDER BY scheduled_for DESC
LIMIT 1`;
