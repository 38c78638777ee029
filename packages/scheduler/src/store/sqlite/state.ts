import { fromJsonText, toJsonText } from '../json.js';
import type { Sql, SqliteSession } from './session.js';

/** One state value. */
const SELECT_STATE: Sql = { key: 'selectState', build: (t) => `SELECT value FROM ${t.state} WHERE key = @key` };

/** Writes one state value. */
const UPSERT_STATE: Sql = {
  key: 'upsertState',
  build: (t) => `
INSERT INTO ${t.state} (key, value, updated_at) VALUES (@key, @value, @now)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
};

/** Deletes one state value. */
const DELETE_STATE: Sql = { key: 'deleteState', build: (t) => `DELETE FROM ${t.state} WHERE key = @key` };

/** The value stored under `key`, if any. */
export function getState<T>(s: SqliteSession, key: string): T | undefined {
  const row = s.stmt(SELECT_STATE).get({ key }) as { value: string } | undefined;
  return fromJsonText<T>(row?.value);
}

/** Stores `value` under `key` (`undefined` deletes it). */
export function setState(s: SqliteSession, key: string, value: unknown): void {
  if (value === undefined) s.stmt(DELETE_STATE).run({ key });
  else s.stmt(UPSERT_STATE).run({ key, value: toJsonText(value, `State "${key}"`), now: s.nowMs() });
}
