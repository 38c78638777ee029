import { auditEntryOf, auditQueryFilter, auditRow, encodeAuditCursor } from '../audit-query.js';
import type { AuditEntry, AuditEntryInput, AuditPage, AuditPruneOptions, AuditQuery } from '../audit-types.js';
import type { MemoryTables, StoredAuditEntry } from './tables.js';

/** Appends one entry, stamped with the store's time and the next id. */
export function appendAudit(t: MemoryTables, input: AuditEntryInput): AuditEntry {
  const stored: StoredAuditEntry = { ...auditRow(input), seq: ++t.auditSeq, atMs: t.clock.now() };
  // kept in (at, id) order even when the clock went back, so pages and pruning stay simple
  let index = t.audit.length;
  while (index > 0 && t.audit[index - 1]!.atMs > stored.atMs) index--;
  t.audit.splice(index, 0, stored);
  return toEntry(stored);
}

/** One page of entries matching `query`, newest first, with the cursor of the next page. */
export function listAudit(t: MemoryTables, query: AuditQuery): AuditPage {
  const { limit, cursor } = auditQueryFilter(query);
  const entries: AuditEntry[] = [];
  let more = false;
  for (let i = t.audit.length - 1; i >= 0; i--) {
    const row = t.audit[i]!;
    if (cursor && (row.atMs > cursor.atMs || (row.atMs === cursor.atMs && row.seq >= cursor.id))) continue;
    if (query.job !== undefined && row.job !== query.job) continue;
    if (query.actor !== undefined && row.actor !== query.actor) continue;
    if (query.action !== undefined && row.action !== query.action) continue;
    if (query.since !== undefined && row.atMs < query.since.getTime()) break;
    if (query.until !== undefined && row.atMs >= query.until.getTime()) continue;
    if (entries.length === limit) {
      more = true;
      break;
    }
    entries.push(toEntry(row));
  }
  const last = entries[entries.length - 1];
  if (!more || !last) return { entries };
  return { entries, nextCursor: encodeAuditCursor({ atMs: last.at.getTime(), id: Number(last.id) }) };
}

/** Deletes the entries recorded before `olderThan`; returns how many. */
export function pruneAudit(t: MemoryTables, options: AuditPruneOptions): number {
  const limit = options.olderThan.getTime();
  let count = 0;
  while (count < t.audit.length && t.audit[count]!.atMs < limit) count++;
  t.audit.splice(0, count);
  return count;
}

function toEntry(row: StoredAuditEntry): AuditEntry {
  return auditEntryOf(row.seq, row.atMs, row);
}
