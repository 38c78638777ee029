import type { SqliteTables } from '../tables.js';

/** Durations of finished runs of a job scheduled in `[from, to)`, ascending. */
export const selectDurations = (t: SqliteTables): string => `
SELECT duration_ms FROM ${t.runs}
WHERE job = @job AND scheduled_for >= @from AND scheduled_for < @to
  AND status <> 'running' AND duration_ms IS NOT NULL
ORDER BY duration_ms`;
