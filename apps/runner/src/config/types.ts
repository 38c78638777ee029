/** The runner's configuration types: what {@link loadConfig} returns and the flags it reads. */
import type { ConsoleToken } from '@pokemon/console';
import type { loadConfig } from '../config.js';

/** Where the scheduler keeps job state, history and slot claims. */
export type StoreConfig =
  /** An SQLite file: one runner instance. */
  | { kind: 'sqlite'; path: string }
  /** A PostgreSQL database: any number of runner instances share it. */
  | { kind: 'postgres'; url: string };

/** Where the sync jobs read the card catalogue from. */
export type SourceConfig =
  /** The snapshot shipped inside `@pokemon/jobs-pokemon`. */
  | { kind: 'bundled' }
  /** A local directory in the pokemon-tcg-data layout (`sets/en.json`, `cards/en/<setId>.json`). */
  | { kind: 'directory'; path: string }
  /** The Pokémon TCG API v2 over HTTP. */
  | { kind: 'api'; url: string; apiKey: string | undefined };

/** Where the jobs run (`POKEMON_CRON_ISOLATION`): a worker thread or a child process per run, or the runner's own thread. */
export type IsolationConfig = 'thread' | 'process' | 'none';

/** pino levels accepted by `LOG_LEVEL`. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The runner's effective configuration, from {@link loadConfig}. */
export interface RunnerConfig {
  /** The SQLite catalogue file (`POKEMON_CRON_DB`). @default './data/pokemon.sqlite3' */
  catalogPath: string;
  /** The scheduler store (`POKEMON_CRON_STORE`). @default SQLite at './data/scheduler.sqlite3' */
  store: StoreConfig;
  /** The PostgreSQL primary that `replicate-to-primary` writes to (`PRIMARY_DATABASE_URL`); optional. */
  primaryDatabaseUrl: string | undefined;
  /** Where backups are written (`POKEMON_CRON_BACKUP_DIR`). @default './data/backups' */
  backupDir: string;
  /** How many daily, weekly and monthly backups `rotate-backups` keeps. @default 7, 4, 3 */
  backupRetention: { daily: number; weekly: number; monthly: number };
  /** Run history older than this many days is pruned by `cleanup-stale-data`. @default 90 */
  historyRetentionDays: number;
  /** The card source (`POKEMON_CRON_SOURCE`). @default bundled */
  source: SourceConfig;
  /** Slack incoming webhook for alerts (`SLACK_WEBHOOK_URL`); a secret. */
  slackWebhookUrl: string | undefined;
  /** Outside monitors told of each scheduled run's start and end; unset: none. */
  monitors: {
    /** Healthchecks base ping URL, to which `/<job name>` is appended (`POKEMON_CRON_HEALTHCHECKS_URL`); a secret. */
    healthchecksUrl: string | undefined;
    /** Sentry DSN for Crons check-ins (`SENTRY_DSN`); a secret. */
    sentryDsn: string | undefined;
    /** Sentry environment of the check-ins (`SENTRY_ENVIRONMENT`). */
    sentryEnvironment: string | undefined;
  };
  /**
   * Whether traces and metrics are exported over OTLP/HTTP: when one of the standard
   * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
   * `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` is set and `OTEL_SDK_DISABLED` is not `true`. The
   * exporters read the other `OTEL_*` variables themselves (headers, timeout, protocol).
   */
  otlp: boolean;
  /** Default IANA timezone of the schedules (`POKEMON_CRON_TZ`). @default 'UTC' */
  timezone: string;
  /** Most runs at once (`POKEMON_CRON_MAX_CONCURRENCY`). @default 3 */
  maxConcurrency: number;
  /** How long a stop waits for running jobs after aborting them, ms (`POKEMON_CRON_SHUTDOWN_GRACE_MS`). @default 30000 */
  shutdownGraceMs: number;
  /**
   * Where each run of a job executes (`POKEMON_CRON_ISOLATION`): `thread` (a worker thread: a job past
   * its timeout is terminated), `process` (a child process and its process group), `none` (the
   * runner's thread: a timeout only aborts the job's signal). @default 'thread'
   */
  isolation: IsolationConfig;
  /** This instance's id in claims and history (`POKEMON_CRON_INSTANCE_ID`). @default hostname and pid */
  instanceId: string | undefined;
  /** The HTTP server of `start`; `port` undefined: no server. */
  http: {
    /** `POKEMON_CRON_HTTP_PORT` (0 picks a free port). */
    port: number | undefined;
    /** `POKEMON_CRON_HTTP_HOST`. @default '127.0.0.1' */
    host: string;
    /**
     * `POKEMON_CRON_ADMIN_TOKEN`: a single console token with the `admin` role, named `admin-token`
     * (kept for existing setups; `POKEMON_CRON_CONSOLE_TOKENS` names each holder).
     */
    adminToken: string | undefined;
    /**
     * `POKEMON_CRON_CONSOLE_TOKENS`: console tokens as `name:role:sha256:<hex>` entries, comma- or
     * newline-separated (hashes only; `cron-runner console-token` makes one).
     */
    consoleTokens: ConsoleToken[];
    /** `POKEMON_CRON_CONSOLE_TOKENS_FILE`: a file of such entries, one per line, read when the daemon starts. */
    consoleTokensFile: string | undefined;
  };
  /** Logging. */
  log: {
    /** `LOG_LEVEL`. @default 'info' */
    level: LogLevel;
    /** `LOG_FORMAT`: `json`, `pretty`, or `auto` (pretty on a terminal, JSON elsewhere). @default 'auto' */
    format: 'json' | 'pretty' | 'auto';
  };
}

/** Flags that override environment variables (commander's camelCase option names). */
export interface ConfigFlags {
  db?: string;
  store?: string;
  primaryUrl?: string;
  backupDir?: string;
  keepDaily?: string;
  keepWeekly?: string;
  keepMonthly?: string;
  historyRetentionDays?: string;
  source?: string;
  apiUrl?: string;
  apiKey?: string;
  slackWebhookUrl?: string;
  healthchecksUrl?: string;
  sentryDsn?: string;
  sentryEnvironment?: string;
  tz?: string;
  maxConcurrency?: string;
  shutdownGraceMs?: string;
  isolation?: string;
  instanceId?: string;
  httpPort?: string;
  httpHost?: string;
  adminToken?: string;
  consoleTokens?: string;
  consoleTokensFile?: string;
  logLevel?: string;
  logFormat?: string;
}
