/**
 * The store's audit log, read through the methods a store with one offers (`listAudit`), and
 * appended to for the actions the scheduler does not record itself. A store without them
 * has no audit log: the API says so instead of failing.
 */
import type { Store } from '@pokemon/scheduler';

/** One entry of the audit log, as a store returns it. */
export interface AuditRecord {
  id: string;
  at: Date;
  actor: string;
  action: string;
  job?: string;
  before?: unknown;
  after?: unknown;
  note?: string;
  instanceId?: string;
}

/** A query of the audit log. */
export interface AuditFilter {
  job?: string;
  actor?: string;
  action?: string;
  since?: Date;
  until?: Date;
  limit?: number;
  cursor?: string;
}

/** @internal */
export interface AuditSource {
  list(query: AuditFilter): Promise<{ entries: AuditRecord[]; nextCursor?: string }>;
  append(entry: Omit<AuditRecord, 'id' | 'at'>): Promise<void>;
}

interface AuditCapable {
  listAudit(query?: AuditFilter): Promise<{ entries: AuditRecord[]; nextCursor?: string }>;
  appendAudit(entry: Omit<AuditRecord, 'id' | 'at'>): Promise<unknown>;
}

function isAuditCapable(store: object): store is AuditCapable {
  const candidate = store as Partial<AuditCapable>;
  return typeof candidate.listAudit === 'function' && typeof candidate.appendAudit === 'function';
}

/** The audit log of `store`, or `undefined` when it keeps none. */
export function auditSourceOf(store: Store): AuditSource | undefined {
  if (!isAuditCapable(store)) return undefined;
  return {
    list: (query) => store.listAudit(query),
    append: async (entry) => {
      await store.appendAudit(entry);
    },
  };
}
