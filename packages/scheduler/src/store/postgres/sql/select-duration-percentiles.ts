import type { PgTables } from '../tables.js';

/** Nearest-rank p50/p95/p99 durations of finished runs of a job ($1) scheduled in [$2, $3). */
export const selectDurationPercentiles = (t: PgTables): string => `
SELECT percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_ms) AS percentiles
FROM ${t.runs}
WHERE job = $1 AND scheduled_for >= $2 AND scheduled_for < $3
  AND status <> 'running' AND duration_ms IS NOT NULL`;
