import type { PgTables } from '../tables.js';

/** Running runs in slot order, optionally of one job ($1). */
export const selectRunning = (t: PgTables, byJob: boolean): string => `
SELECT * FROM ${t.runs}
WHERE status = 'running'${byJob ? ' AND job = $1' : ''}
ORDER BY scheduled_for, id`;
