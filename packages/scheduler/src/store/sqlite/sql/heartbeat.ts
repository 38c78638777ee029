import type { SqliteTables } from '../tables.js';

/** Renews the lease of a running run owned by `instance_id`, storing progress when given. */
export const heartbeat = (t: SqliteTables): string => `
UPDATE ${t.runs}
SET heartbeat_at = @now, lease_expires_at = @now + @leaseMs, progress = coalesce(@progress, progress)
WHERE id = @id AND status = 'running' AND instance_id = @instanceId`;
