import type { SqliteTables } from '../tables.js';

/** Running runs in slot order, optionally of one job. */
export const selectRunning = (t: SqliteTables, byJob: boolean): string => `
SELECT * FROM ${t.runs}
WHERE status = 'running'${byJob ? ' AND job = @job' : ''}
ORDER BY scheduled_for, id`;
