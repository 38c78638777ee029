import type { SqliteTables } from '../tables.js';

/** Writes one state value. */
export const upsertState = (t: SqliteTables): string => `
INSERT INTO ${t.state} (key, value, updated_at) VALUES (@key, @value, @now)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;
