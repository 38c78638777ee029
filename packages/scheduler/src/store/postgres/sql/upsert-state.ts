import { nowExpression, type PgTables } from '../tables.js';

/** Writes one state value ($1 key, $2 JSON, $3 now or NULL). */
export const upsertState = (t: PgTables): string => `
INSERT INTO ${t.state} (key, value, updated_at) VALUES ($1, $2::jsonb, ${nowExpression('$3')})
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;
