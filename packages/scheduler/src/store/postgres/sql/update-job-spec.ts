import { nowExpression, type PgTables } from '../tables.js';

/** Updates a job's spec fields, operator state untouched ($1 name, $2 schedule, $3 timezone, $4 description, $5 depends_on, $6 now or NULL). */
export const updateJobSpec = (t: PgTables): string => `
UPDATE ${t.jobs}
SET schedule = $2, timezone = $3, description = $4, depends_on = $5::jsonb, updated_at = ${nowExpression('$6')}
WHERE name = $1`;
