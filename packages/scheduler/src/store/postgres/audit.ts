import { type AuditQueryShape, auditEntryOf, auditQueryFilter, auditRow, encodeAuditCursor } from '../audit-query.js';
import type { AuditEntry, AuditEntryInput, AuditPage, AuditPruneOptions, AuditQuery } from '../audit-types.js';
import type { PgSession, Sql } from './session.js';
import { nowExpression, type PgTables } from './tables.js';

/** A row of the audit table as selected (JSON columns as text, so a JSON `null` stays one). */
interface PgAuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  job: string | null;
  state_before: string | null;
  state_after: string | null;
  note: string | null;
  instance_id: string | null;
}

/** The columns read back, JSON as text. */
const COLUMNS = 'id, at, actor, action, job, state_before::text, state_after::text, note, instance_id';

/** Appends one entry ($1-$7: actor, action, job, before, after, note, instance; $8 now or NULL). */
const INSERT_AUDIT: Sql = {
  key: 'insertAudit',
  build: (t) => `
INSERT INTO ${t.audit} (at, actor, action, job, state_before, state_after, note, instance_id)
VALUES (${nowExpression('$8')}, $1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)
RETURNING ${COLUMNS}`,
};

/**
 * Entries, newest first, keyset-paginated. Parameters in this order: job, actor, action, since,
 * until, cursor time, cursor id; the limit is part of the text (see `selectRuns` in history.ts).
 */
function selectAudit(t: PgTables, shape: AuditQueryShape, limit: number): string {
  const where: string[] = [];
  let n = 0;
  const next = (): string => `$${++n}`;
  if (shape.job) where.push(`job = ${next()}`);
  if (shape.actor) where.push(`actor = ${next()}`);
  if (shape.action) where.push(`action = ${next()}`);
  if (shape.since) where.push(`at >= ${next()}`);
  if (shape.until) where.push(`at < ${next()}`);
  if (shape.cursor) where.push(`(at, id) < (${next()}::timestamptz, ${next()}::bigint)`);
  return `
SELECT ${COLUMNS} FROM ${t.audit}
${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY at DESC, id DESC
LIMIT ${Math.floor(limit)}`;
}

/** Deletes the entries recorded before $1. */
const PRUNE_AUDIT: Sql = { key: 'pruneAudit', build: (t) => `DELETE FROM ${t.audit} WHERE at < $1` };

/** Appends one entry, stamped with the store's time. */
export async function appendAudit(s: PgSession, input: AuditEntryInput): Promise<AuditEntry> {
  const row = auditRow(input);
  const values = [row.actor, row.action, row.job, row.before, row.after, row.note, row.instanceId, s.nowParam()];
  const [inserted] = await s.rows<PgAuditRow>(INSERT_AUDIT, values);
  return toEntry(inserted!);
}

/** One page of entries, newest first. */
export async function listAudit(s: PgSession, query: AuditQuery): Promise<AuditPage> {
  const { shape, limit, cursor } = auditQueryFilter(query);
  const values: unknown[] = [];
  if (query.job !== undefined) values.push(query.job);
  if (query.actor !== undefined) values.push(query.actor);
  if (query.action !== undefined) values.push(query.action);
  if (query.since) values.push(query.since);
  if (query.until) values.push(query.until);
  if (cursor) values.push(new Date(cursor.atMs), cursor.id);
  const key = `selectAudit:${JSON.stringify(shape)}:${limit}`;
  const rows = await s.rows<PgAuditRow>({ key, build: (t) => selectAudit(t, shape, limit + 1) }, values);
  const entries = rows.slice(0, limit).map(toEntry);
  const last = entries[entries.length - 1];
  if (rows.length <= limit || !last) return { entries };
  return { entries, nextCursor: encodeAuditCursor({ atMs: last.at.getTime(), id: Number(last.id) }) };
}

/** Deletes the entries recorded before `olderThan`; returns how many. */
export async function pruneAudit(s: PgSession, options: AuditPruneOptions): Promise<number> {
  return s.run(PRUNE_AUDIT, [options.olderThan]);
}

function toEntry(row: PgAuditRow): AuditEntry {
  const { id, at, state_before: before, state_after: after, instance_id: instanceId, ...rest } = row;
  return auditEntryOf(id, at.getTime(), { ...rest, before, after, instanceId });
}
