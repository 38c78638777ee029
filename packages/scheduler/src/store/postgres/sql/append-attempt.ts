import type { PgTables } from '../tables.js';

/** Appends one finished attempt to a running run owned by the instance ($1 id, $2 instance, $3 attempt JSON, $4 started_at). */
export const appendAttempt = (t: PgTables): string => `
UPDATE ${t.runs}
SET attempts = attempts || jsonb_build_array($3::jsonb), started_at = coalesce(started_at, $4)
WHERE id = $1 AND status = 'running' AND instance_id = $2`;
