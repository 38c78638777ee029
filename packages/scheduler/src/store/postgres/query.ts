import { decodeCursor } from '../cursor.js';
import { asList, pageLimit } from '../page-limit.js';
import type { JobSpec, RunQuery } from '../types.js';
import type { PgRunsQueryShape } from './sql/select-runs.js';
import type { PgTables } from './tables.js';

/** A statement, sent named (prepared once per connection) under a name derived from its text. */
export type Query = { key: string; build: (t: PgTables) => string };

/** A named (prepared per connection) statement. */
export function q(key: string, build: (t: PgTables) => string): Query {
  return { key, build };
}

/** Whether a filter list is absent, one value, or several. */
function listShape(list: readonly unknown[] | undefined): 'none' | 'one' | 'many' {
  if (list === undefined) return 'none';
  return list.length === 1 ? 'one' : 'many';
}

/** Values of a job's spec columns ($1 name … $5 depends_on). */
export function specValues(spec: JobSpec): unknown[] {
  return [spec.name, spec.schedule, spec.timezone, spec.description ?? null, JSON.stringify(spec.dependsOn ?? [])];
}

/** An `Error` to hand `client.release()` so the pool discards a broken connection. */
export function toReleaseError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A history query as a statement shape and its positional values. */
interface PgRunsQueryPlan {
  shape: PgRunsQueryShape;
  values: unknown[];
  limit: number;
}

/** Chooses the statement shape and values of a {@link RunQuery} (`undefined`: an empty filter list, no rows). */
export function runsQueryPlan(query: RunQuery): PgRunsQueryPlan | undefined {
  const limit = pageLimit(query.limit);
  const statuses = asList(query.status);
  const triggers = asList(query.trigger);
  if (statuses?.length === 0 || triggers?.length === 0) return undefined;
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const shape: PgRunsQueryShape = {
    job: query.job !== undefined,
    status: listShape(statuses),
    trigger: listShape(triggers),
    from: query.from !== undefined,
    to: query.to !== undefined,
    cursor: cursor !== undefined,
  };
  const values: unknown[] = [];
  if (query.job !== undefined) values.push(query.job);
  if (statuses) values.push(statuses.length === 1 ? statuses[0] : [...statuses]);
  if (triggers) values.push(triggers.length === 1 ? triggers[0] : [...triggers]);
  if (query.from) values.push(query.from);
  if (query.to) values.push(query.to);
  if (cursor) values.push(new Date(cursor.scheduledForMs), cursor.id);
  return { shape, values, limit };
}
