import { jsonClone } from '../json.js';
import type { MemoryTables } from './tables.js';

/** The value stored under `key`, if any (a copy). */
export function getState<T>(t: MemoryTables, key: string): T | undefined {
  return jsonClone(t.state.get(key)) as T | undefined;
}

/** Stores `value` under `key` as JSON (`undefined` deletes it). */
export function setState(t: MemoryTables, key: string, value: unknown): void {
  if (value === undefined) t.state.delete(key);
  else t.state.set(key, jsonClone(value, `State "${key}"`));
}
