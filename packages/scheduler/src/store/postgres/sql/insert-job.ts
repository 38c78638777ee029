import { nowExpression, type PgTables } from '../tables.js';

/** Adds a job with default operator state ($1 name, $2 schedule, $3 timezone, $4 description, $5 depends_on, $6 circuit, $7 now or NULL). */
export const insertJob = (t: PgTables): string => `
INSERT INTO ${t.jobs} (name, schedule, timezone, description, depends_on, paused, circuit, created_at, updated_at)
SELECT $1, $2, $3, $4, $5::jsonb, false, $6::jsonb, clock.now, clock.now
FROM (SELECT ${nowExpression('$7')} AS now) clock`;
