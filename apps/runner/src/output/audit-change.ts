/** An audit entry's `before` and `after` in words, for the `audit` table. */
import type { AuditEntry } from '@pokemon/scheduler';

/** A value as the table shows it: strings bare, `-` for none, JSON otherwise. */
function show(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function fields(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * What changed: `paused: false → true, pauseNote: - → disk swap` for a change, the fields of a
 * new job or of a request (`slots=3 from=...`), `was <schedule>` for a removed job.
 */
export function describeAuditChange(entry: AuditEntry): string {
  const before = fields(entry.before);
  const after = fields(entry.after);
  if (entry.before === undefined) {
    return Object.entries(after)
      .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
      .map(([key, value]) => `${key}=${show(value)}`)
      .join(' ');
  }
  if (entry.after === undefined) return `was ${show(before.schedule ?? entry.before)}`;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${key}: ${show(before[key])} → ${show(after[key])}`)
    .join(', ');
}
