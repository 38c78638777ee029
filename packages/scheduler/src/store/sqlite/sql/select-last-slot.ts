import type { SqliteTables } from '../tables.js';

/** The latest slot of a job recorded by a schedule or catch-up trigger. */
export const selectLastSlot = (t: SqliteTables): string => `
SELECT scheduled_for FROM ${t.runs}
WHERE job = @job AND run_trigger IN ('schedule', 'catch-up')
ORDER BY scheduled_for DESC
LIMIT 1`;
