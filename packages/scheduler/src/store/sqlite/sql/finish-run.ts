import type { SqliteTables } from '../tables.js';

/** Writes the final state of a running run owned by `instance_id`. */
export const finishRun = (t: SqliteTables): string => `
UPDATE ${t.runs}
SET status = @status,
    finished_at = @finishedAt,
    duration_ms = @finishedAt - started_at,
    result = @result,
    error = @error,
    reason = coalesce(@reason, reason)
WHERE id = @id AND status = 'running' AND instance_id = @instanceId`;
