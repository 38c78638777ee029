import { componentSite, invalidOption } from '../../core/validate.js';

/** Qualified, quoted names of the PostgreSQL store's tables in its schema. */
export interface PgTables {
  /** The schema name (unquoted). */
  schema: string;
  /** `"schema"`. */
  quoted: string;
  migrations: string;
  jobs: string;
  runs: string;
  state: string;
  audit: string;
  /** The `LISTEN/NOTIFY` channel of job row changes (unquoted; at most 63 characters). */
  channel: string;
  /** The `LISTEN/NOTIFY` channel of run changes (claims and final statuses; unquoted; at most 63 characters). */
  runChannel: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Table names in `schema`; a schema that is not a plain identifier is an `InvalidOptionError`. */
export function pgTables(schema: string): PgTables {
  if (!IDENTIFIER.test(schema)) {
    const expected = 'letters, digits and underscores (at most 63, starting with a letter or _)';
    throw invalidOption(componentSite('createPostgresStore'), 'schema', expected, schema);
  }
  const quoted = `"${schema}"`;
  return {
    schema,
    quoted,
    migrations: `${quoted}.migrations`,
    jobs: `${quoted}.jobs`,
    runs: `${quoted}.runs`,
    state: `${quoted}.state`,
    audit: `${quoted}.audit`,
    channel: `scheduler_jobs:${schema}`.slice(0, 63),
    runChannel: `scheduler_runs:${schema}`.slice(0, 63),
  };
}

/** The store's time for one statement: the injected clock's (`$n`) or the database's `now()`, to the millisecond. */
export const nowExpression = (param: string): string =>
  `date_trunc('milliseconds', coalesce(${param}::timestamptz, now()))`;

/**
 * The payload of a run notification: a JSON object `{ job, id, status, lease }` built in SQL
 * from a row of the runs table aliased `row_alias` (`lease`: the lease expiry of a running run).
 */
export const runNotifyPayload = (rowAlias: string): string =>
  `json_build_object('job', ${rowAlias}.job, 'id', ${rowAlias}.id, 'status', ${rowAlias}.status, 'lease', ${rowAlias}.lease_expires_at)::text`;
