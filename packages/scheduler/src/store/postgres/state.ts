import { toJsonText } from '../json.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression } from './tables.js';

/** One state value ($1 key). */
const SELECT_STATE: Sql = { key: 'selectState', build: (t) => `SELECT value FROM ${t.state} WHERE key = $1` };

/** Writes one state value ($1 key, $2 JSON, $3 now or NULL). */
const UPSERT_STATE: Sql = {
  key: 'upsertState',
  build: (t) => `
INSERT INTO ${t.state} (key, value, updated_at) VALUES ($1, $2::jsonb, ${nowExpression('$3')})
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
};

/** Deletes one state value ($1 key). */
const DELETE_STATE: Sql = { key: 'deleteState', build: (t) => `DELETE FROM ${t.state} WHERE key = $1` };

/** The value stored under `key`, if any. */
export async function getState<T>(s: PgSession, key: string): Promise<T | undefined> {
  const [row] = await s.rows<{ value: T }>(SELECT_STATE, [key]);
  return row?.value;
}

/** Stores `value` under `key` (`undefined` deletes it). */
export async function setState(s: PgSession, key: string, value: unknown): Promise<void> {
  if (value === undefined) await s.run(DELETE_STATE, [key]);
  else await s.run(UPSERT_STATE, [key, toJsonText(value, `State "${key}"`), s.nowParam()]);
}
