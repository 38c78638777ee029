import type { PgTables } from '../tables.js';

/** Writes the final state of a running run owned by the instance ($1 id, $2 instance, $3 status, $4 finished_at, $5 result, $6 error, $7 reason). */
export const finishRun = (t: PgTables): string => `
UPDATE ${t.runs}
SET status = $3,
    finished_at = $4,
    duration_ms = round(extract(epoch FROM ($4::timestamptz - started_at)) * 1000)::bigint,
    result = $5::jsonb,
    error = $6::jsonb,
    reason = coalesce($7, reason)
WHERE id = $1 AND status = 'running' AND instance_id = $2`;
