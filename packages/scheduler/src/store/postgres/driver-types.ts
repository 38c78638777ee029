/** A query as the PostgreSQL store sends it: parameterised, optionally named (prepared once per connection). */
export interface PgQueryConfig {
  /** SQL with `$1..$n` placeholders. */
  text: string;
  /** Parameter values. */
  values?: unknown[];
  /** Prepared-statement name. */
  name?: string;
}

/** What the store reads from a query result. */
export interface PgQueryResultLike {
  /** The rows, as objects keyed by column name. */
  rows: unknown[];
  /** Rows affected (INSERT/UPDATE/DELETE) or returned. */
  rowCount: number | null;
}

/** A checked-out connection (the part the store uses: migrations run on one). */
export interface PgClientLike {
  /** Runs one statement. */
  query(config: PgQueryConfig): Promise<PgQueryResultLike>;
  /** Returns the connection to the pool; pass an error to discard it. */
  release(error?: Error | boolean): void;
}

/** A `LISTEN/NOTIFY` message, as pg's client emits it. */
export interface PgNotificationLike {
  /** The channel it was sent on. */
  channel: string;
  /** Its payload. */
  payload?: string;
}

/** A checked-out connection that emits notifications (pg's `Client`): the one the store listens on. */
export interface PgNotificationClientLike extends PgClientLike {
  /** Subscribes to the connection's events. */
  on(event: 'notification', listener: (message: PgNotificationLike) => void): unknown;
  /** Subscribes to the connection's events. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Subscribes to the connection's events. */
  on(event: 'end', listener: () => void): unknown;
}

/**
 * The part of a `pg.Pool` the PostgreSQL store uses (structural, so the
 * store's types never need `@types/pg`). Pass your own pool: the store never
 * ends it. Give your pool an `'error'` listener, as pg requires, so that a
 * dropped idle connection does not crash the process.
 */
export interface PgPoolLike {
  /** Runs one statement on any idle connection. */
  query(config: PgQueryConfig): Promise<PgQueryResultLike>;
  /** Checks out a connection (for a transaction). */
  connect(): Promise<PgClientLike>;
  /** Closes every connection. */
  end(): Promise<void>;
}

/** Options of a pool the store creates itself, as `pg.Pool` takes them. */
export interface PgPoolConfig {
  connectionString: string;
  max?: number;
  connectionTimeoutMillis?: number;
  idleTimeoutMillis?: number;
  application_name?: string;
}

/** The `pg` module's default export, as far as the store uses it. */
export interface PgModule {
  /** The pool constructor. */
  Pool: new (
    config: PgPoolConfig,
  ) => PgPoolLike & { on(event: 'error', listener: (error: Error) => void): unknown };
}
