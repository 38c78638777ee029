import { type AuditQueryShape, auditEntryOf, auditQueryFilter, auditRow, encodeAuditCursor } from '../audit-query.js';
import type { AuditEntry, AuditEntryInput, AuditPage, AuditPruneOptions, AuditQuery } from '../audit-types.js';
import type { Params, Sql, SqliteSession } from './session.js';
import type { SqliteTables } from './tables.js';

/** A row of the audit table. */
interface SqliteAuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  job: string | null;
  state_before: string | null;
  state_after: string | null;
  note: string | null;
  instance_id: string | null;
}

/** Appends one entry; the id comes from the table's sequence. */
const INSERT_AUDIT: Sql = {
  key: 'insertAudit',
  build: (t) => `
INSERT INTO ${t.audit} (at, actor, action, job, state_before, state_after, note, instance_id)
VALUES (@at, @actor, @action, @job, @before, @after, @note, @instanceId)
RETURNING *`,
};

/** Entries, newest first, keyset-paginated; filters are fixed SQL fragments chosen by `shape`. */
function selectAudit(t: SqliteTables, shape: AuditQueryShape): string {
  const where: string[] = [];
  if (shape.job) where.push('job = @job');
  if (shape.actor) where.push('actor = @actor');
  if (shape.action) where.push('action = @action');
  if (shape.since) where.push('at >= @since');
  if (shape.until) where.push('at < @until');
  if (shape.cursor) where.push('(at, id) < (@cursorAt, @cursorId)');
  return `
SELECT * FROM ${t.audit}
${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY at DESC, id DESC
LIMIT @limit`;
}

/** Deletes the entries recorded before `@olderThan`. */
const PRUNE_AUDIT: Sql = { key: 'pruneAudit', build: (t) => `DELETE FROM ${t.audit} WHERE at < @olderThan` };

/** Appends one entry, stamped with the store's time. */
export function appendAudit(s: SqliteSession, input: AuditEntryInput): AuditEntry {
  const row = auditRow(input);
  return toEntry(s.stmt(INSERT_AUDIT).get({ ...row, at: s.nowMs() }) as SqliteAuditRow);
}

/** One page of entries, newest first. */
export function listAudit(s: SqliteSession, query: AuditQuery): AuditPage {
  const { shape, limit, cursor } = auditQueryFilter(query);
  const params: Params = { limit: limit + 1 };
  if (query.job !== undefined) params.job = query.job;
  if (query.actor !== undefined) params.actor = query.actor;
  if (query.action !== undefined) params.action = query.action;
  if (query.since) params.since = query.since.getTime();
  if (query.until) params.until = query.until.getTime();
  if (cursor) Object.assign(params, { cursorAt: cursor.atMs, cursorId: cursor.id });
  const statement = s.stmt({ key: `selectAudit:${JSON.stringify(shape)}`, build: (t) => selectAudit(t, shape) });
  const rows = statement.all(params) as SqliteAuditRow[];
  const entries = rows.slice(0, limit).map(toEntry);
  const last = entries[entries.length - 1];
  if (rows.length <= limit || !last) return { entries };
  return { entries, nextCursor: encodeAuditCursor({ atMs: last.at.getTime(), id: Number(last.id) }) };
}

/** Deletes the entries recorded before `olderThan`; returns how many. */
export function pruneAudit(s: SqliteSession, options: AuditPruneOptions): number {
  return s.stmt(PRUNE_AUDIT).run({ olderThan: options.olderThan.getTime() }).changes;
}

function toEntry(row: SqliteAuditRow): AuditEntry {
  const { id, at, state_before: before, state_after: after, instance_id: instanceId, ...rest } = row;
  return auditEntryOf(id, at, { ...rest, before, after, instanceId });
}
