import { decodeCursor, type RunCursor } from './cursor.js';
import { asList, pageLimit } from './page-limit.js';
import type { RunQuery, RunStatus, RunTrigger } from './types.js';

/** Which filters a history query uses; each SQL store prepares one statement per shape. */
export interface RunsQueryShape {
  job: boolean;
  /** `none`: no filter; `one`: equality; `many`: membership in a list. */
  status: 'none' | 'one' | 'many';
  trigger: 'none' | 'one' | 'many';
  from: boolean;
  to: boolean;
  /** Text in the final error's message. */
  errorText: boolean;
  cursor: boolean;
}

/** A {@link RunQuery} normalised for the SQL stores: its shape and the values each filter binds. */
export interface RunsQueryFilter {
  shape: RunsQueryShape;
  /** Page size (default 50, at most 1000). */
  limit: number;
  statuses: readonly RunStatus[] | undefined;
  triggers: readonly RunTrigger[] | undefined;
  cursor: RunCursor | undefined;
  /** `errorText` in lower case (ASCII), as the stores compare it with the lower-cased message. */
  errorText: string | undefined;
}

/**
 * Normalises a history query; `undefined` when a filter list is empty (no run can match).
 * The stores then encode the values their own way (positional for PostgreSQL, named for SQLite).
 */
export function runsQueryFilter(query: RunQuery): RunsQueryFilter | undefined {
  const statuses = asList(query.status);
  const triggers = asList(query.trigger);
  if (statuses?.length === 0 || triggers?.length === 0) return undefined;
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const shape: RunsQueryShape = {
    job: query.job !== undefined,
    status: listShape(statuses),
    trigger: listShape(triggers),
    from: query.from !== undefined,
    to: query.to !== undefined,
    errorText: query.errorText !== undefined,
    cursor: cursor !== undefined,
  };
  const errorText = query.errorText === undefined ? undefined : lowerAscii(query.errorText);
  return { shape, limit: pageLimit(query.limit), statuses, triggers, cursor, errorText };
}

function listShape(list: readonly unknown[] | undefined): 'none' | 'one' | 'many' {
  if (list === undefined) return 'none';
  return list.length === 1 ? 'one' : 'many';
}

/** Lower-cases ASCII letters only, as SQLite's `lower()` does (PostgreSQL's is given the same text). */
export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
