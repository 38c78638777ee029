import { nowExpression, type PgTables } from '../tables.js';

/**
 * Applies an operator patch; each flag says whether its field is part of it.
 * $1 name, $2 now or NULL, $3 set paused, $4 paused, $5 set note, $6 note,
 * $7 set override, $8 override, $9 circuit JSON or NULL.
 */
export const patchJob = (t: PgTables): string => `
UPDATE ${t.jobs}
SET paused = CASE WHEN $3::boolean THEN $4::boolean ELSE paused END,
    pause_note = CASE WHEN $5::boolean THEN $6::text ELSE pause_note END,
    schedule_override = CASE WHEN $7::boolean THEN $8::text ELSE schedule_override END,
    circuit = coalesce($9::jsonb, circuit),
    updated_at = ${nowExpression('$2')}
WHERE name = $1
RETURNING *`;
