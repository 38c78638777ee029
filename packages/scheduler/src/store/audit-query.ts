import { StoreError } from '../core/errors.js';
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type AuditEntryInput,
  type AuditQuery,
} from './audit-types.js';
import { toJsonText } from './json.js';
import { pageLimit } from './page-limit.js';

/** A position in the audit log: the last entry of a page, in `(at desc, id desc)` order. */
export interface AuditCursor {
  /** `at` of the last entry, ms since the epoch. */
  atMs: number;
  /** `id` of the last entry (the store's sequence number). */
  id: number;
}

/** Encodes an audit log position as the opaque `nextCursor` string. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify(['audit', cursor.atMs, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a `cursor` from {@link encodeAuditCursor}; a malformed one is a {@link StoreError}. */
export function decodeAuditCursor(text: string): AuditCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === 'audit' && Number.isFinite(parsed[1]) && Number.isInteger(parsed[2])) {
      return { atMs: parsed[1] as number, id: parsed[2] as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new StoreError(
    'listAudit',
    `Invalid audit log cursor "${text}". Pass the nextCursor of a previous listAudit page unchanged, or omit it for the first page.`,
  );
}

/** Which filters an audit query uses; each SQL store prepares one statement per shape. */
export interface AuditQueryShape {
  job: boolean;
  actor: boolean;
  action: boolean;
  since: boolean;
  until: boolean;
  cursor: boolean;
}

/** An {@link AuditQuery} normalised for the stores: its shape, page size and decoded cursor. */
export interface AuditQueryFilter {
  shape: AuditQueryShape;
  /** Page size (default 50, at most 1000). */
  limit: number;
  cursor: AuditCursor | undefined;
}

/** Normalises an audit query (a malformed cursor is a {@link StoreError}). */
export function auditQueryFilter(query: AuditQuery): AuditQueryFilter {
  const cursor = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
  const shape: AuditQueryShape = {
    job: query.job !== undefined,
    actor: query.actor !== undefined,
    action: query.action !== undefined,
    since: query.since !== undefined,
    until: query.until !== undefined,
    cursor: cursor !== undefined,
  };
  return { shape, limit: pageLimit(query.limit), cursor };
}

/** An audit entry checked and ready to write: its JSON columns as text. */
export interface AuditRow {
  actor: string;
  action: string;
  job: string | null;
  before: string | null;
  after: string | null;
  note: string | null;
  instanceId: string | null;
}

/**
 * Checks an entry to append (a non-empty actor, a known action, strings where strings are
 * expected, JSON `before`/`after`) and gives its column values; a bad entry is a {@link StoreError}.
 */
export function auditRow(entry: AuditEntryInput): AuditRow {
  const bad = (field: string, expected: string, got: unknown): StoreError =>
    new StoreError(
      'appendAudit',
      `Expected \`${field}\` of the audit entry to be ${expected}, got ${JSON.stringify(got) ?? String(got)}. Fix the caller that records it.`,
    );
  if (typeof entry.actor !== 'string' || entry.actor.trim() === '')
    throw bad('actor', 'a non-empty string', entry.actor);
  if (!AUDIT_ACTIONS.includes(entry.action)) throw bad('action', `one of ${AUDIT_ACTIONS.join(', ')}`, entry.action);
  for (const field of ['job', 'note', 'instanceId'] as const) {
    const value = entry[field];
    if (value !== undefined && typeof value !== 'string') throw bad(field, 'a string', value);
  }
  return {
    actor: entry.actor,
    action: entry.action,
    job: entry.job ?? null,
    before: toJsonText(entry.before, 'The audit entry\'s "before"'),
    after: toJsonText(entry.after, 'The audit entry\'s "after"'),
    note: entry.note ?? null,
    instanceId: entry.instanceId ?? null,
  };
}

/** An entry read back: `row` as written (JSON columns as text), with the id and time the store gave it. */
export function auditEntryOf(id: number | string, atMs: number, row: AuditRow): AuditEntry {
  const entry: AuditEntry = { id: String(id), at: new Date(atMs), actor: row.actor, action: row.action as AuditAction };
  if (row.job !== null) entry.job = row.job;
  if (row.before !== null) entry.before = JSON.parse(row.before);
  if (row.after !== null) entry.after = JSON.parse(row.after);
  if (row.note !== null) entry.note = row.note;
  if (row.instanceId !== null) entry.instanceId = row.instanceId;
  return entry;
}
