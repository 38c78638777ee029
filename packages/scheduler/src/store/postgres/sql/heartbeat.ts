import { nowExpression, type PgTables } from '../tables.js';

/** Renews the lease of a running run owned by the instance ($1 id, $2 instance, $3 now or NULL, $4 lease ms, $5 progress JSON or NULL). */
export const heartbeat = (t: PgTables): string => `
UPDATE ${t.runs} r
SET heartbeat_at = clock.now,
    lease_expires_at = clock.now + $4 * interval '1 millisecond',
    progress = coalesce($5::jsonb, r.progress)
FROM (SELECT ${nowExpression('$3')} AS now) clock
WHERE r.id = $1 AND r.status = 'running' AND r.instance_id = $2`;
