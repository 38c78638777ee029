import { type RunsQueryShape, runsQueryFilter } from '../runs-query.js';
import type { JobSpec, RunQuery } from '../types.js';
import type { PgTables } from './tables.js';

/** A statement, sent named (prepared once per connection) under a name derived from its text. */
export type Query = { key: string; build: (t: PgTables) => string };

/** A named (prepared per connection) statement. */
export function q(key: string, build: (t: PgTables) => string): Query {
  return { key, build };
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
  shape: RunsQueryShape;
  values: unknown[];
  limit: number;
}

/** Chooses the statement shape and values of a {@link RunQuery} (`undefined`: an empty filter list, no rows). */
export function runsQueryPlan(query: RunQuery): PgRunsQueryPlan | undefined {
  const filter = runsQueryFilter(query);
  if (!filter) return undefined;
  const { shape, limit, statuses, triggers, cursor } = filter;
  const values: unknown[] = [];
  if (query.job !== undefined) values.push(query.job);
  if (statuses) values.push(statuses.length === 1 ? statuses[0] : [...statuses]);
  if (triggers) values.push(triggers.length === 1 ? triggers[0] : [...triggers]);
  if (query.from) values.push(query.from);
  if (query.to) values.push(query.to);
  if (cursor) values.push(new Date(cursor.scheduledForMs), cursor.id);
  return { shape, values, limit };
}
