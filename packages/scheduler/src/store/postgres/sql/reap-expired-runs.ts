import { nowExpression, type PgTables } from '../tables.js';

/** Marks every running run whose lease expired abandoned, returning them ($1 now or NULL, $2 reason). */
export const reapExpiredRuns = (t: PgTables): string => `
UPDATE ${t.runs} r
SET status = 'abandoned', reason = $2, finished_at = clock.now
FROM (SELECT ${nowExpression('$1')} AS now) clock
WHERE r.status = 'running' AND r.lease_expires_at <= clock.now
RETURNING r.*`;
