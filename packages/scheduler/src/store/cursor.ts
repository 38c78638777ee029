import { StoreError } from '../core/errors.js';

/** A position in history: the last row of a page, in `(scheduledFor desc, id desc)` order. */
export interface RunCursor {
  /** `scheduledFor` of the last row, ms since the epoch. */
  scheduledForMs: number;
  /** `id` of the last row. */
  id: string;
}

/** Encodes a keyset position as the opaque `nextCursor` string. */
export function encodeCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.scheduledForMs, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a `cursor` from {@link encodeCursor}; a malformed one is a {@link StoreError}. */
export function decodeCursor(text: string): RunCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && Number.isFinite(parsed[0]) && typeof parsed[1] === 'string') {
      return { scheduledForMs: parsed[0] as number, id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new StoreError(
    'listRuns',
    `Invalid history cursor "${text}". Pass the nextCursor of a previous page unchanged, or omit it for the first page.`,
  );
}
