import { importedRecord } from '../imported-run.js';
import { jsonClone } from '../json.js';
import { cloneRun } from '../run-record.js';
import type { ImportedRun, RunRecord } from '../types.js';
import { type MemoryTables, nowOf, runChanged } from './tables.js';

/** Inserts each finished run unless a live run of its job holds its claim key; returns the inserted ones. */
export function importRuns(t: MemoryTables, runs: readonly ImportedRun[]): RunRecord[] {
  const now = nowOf(t);
  const inserted: RunRecord[] = [];
  for (const run of runs) {
    const keys = t.claims.get(run.job) ?? new Map<string, string>();
    t.claims.set(run.job, keys);
    if (keys.has(run.claimKey) || t.runs.has(run.id)) continue;
    const record = jsonRecord(importedRecord(run, now));
    t.runs.set(record.id, record);
    keys.set(record.claimKey, record.id);
    runChanged(t, record);
    inserted.push(cloneRun(record));
  }
  return inserted;
}

/** What a SQL store would keep: result and error as JSON. */
function jsonRecord(record: RunRecord): RunRecord {
  if (record.result !== undefined) record.result = jsonClone(record.result, `The result of run ${record.id}`);
  if (record.error !== undefined) record.error = jsonClone(record.error);
  return record;
}
