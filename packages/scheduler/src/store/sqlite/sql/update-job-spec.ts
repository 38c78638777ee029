import type { SqliteTables } from '../tables.js';

/** Updates a job's spec fields (operator state untouched). */
export const updateJobSpec = (t: SqliteTables): string => `
UPDATE ${t.jobs}
SET schedule = @schedule, timezone = @timezone, description = @description, depends_on = @dependsOn, updated_at = @now
WHERE name = @name`;
