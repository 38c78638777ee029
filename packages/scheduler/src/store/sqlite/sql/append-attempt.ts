import type { SqliteTables } from '../tables.js';

/** Appends one finished attempt to a running run owned by `instance_id`. */
export const appendAttempt = (t: SqliteTables): string => `
UPDATE ${t.runs}
SET attempts = json_insert(attempts, '$[#]', json(@attempt)),
    started_at = coalesce(started_at, @startedAt)
WHERE id = @id AND status = 'running' AND instance_id = @instanceId`;
