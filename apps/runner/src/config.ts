/**
 * The runner's configuration: environment variables overridden by
 * command-line flags, validated with zod. A wrong value becomes one
 * {@link ConfigError} line naming the variable (or flag) and the expected form.
 */
import { type ConsoleToken, parseTokens } from '@pokemon/console';
import { z } from 'zod';
import { ConfigError } from './errors.js';

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

/**
 * How much of a wrong value an error line may show: `shown` (not a secret),
 * `hidden` (the whole value is a secret: token, key, webhook URL) or `url`
 * (a database URL that may carry a password: shown only when it is a plain path).
 */
type Secrecy = 'shown' | 'hidden' | 'url';

/** One configuration variable: its env name, its flag, its schema and the words used when it is wrong. */
interface Variable<T> {
  env: string;
  flag: keyof ConfigFlags;
  expected: string;
  schema: z.ZodType<T, string>;
  defaultValue: string | undefined;
  secrecy: Secrecy;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const nonEmpty = z.string().trim().min(1);

function wholeNumber(min: number, max: number): z.ZodType<number, string> {
  return z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A postgres:// URL with a host (or a `host=` parameter, for a Unix socket). */
function isPostgresUrl(value: string): boolean {
  if (!isUrl(value, ['postgres:', 'postgresql:'])) return false;
  const url = new URL(value);
  return url.hostname !== '' || url.searchParams.has('host');
}

const postgresUrl = nonEmpty.refine(isPostgresUrl);
const httpUrl = nonEmpty.refine((v) => isUrl(v, ['http:', 'https:']));

/** `https://<public key>@<host>[/<path>]/<project id>` */
function isSentryDsn(value: string): boolean {
  if (!isUrl(value, ['http:', 'https:'])) return false;
  const url = new URL(value);
  return url.username !== '' && /\/\d+$/.test(url.pathname);
}

function variable<T>(
  env: string,
  flag: keyof ConfigFlags,
  expected: string,
  schema: z.ZodType<T, string>,
  defaultValue?: string,
  secrecy: Secrecy = 'shown',
): Variable<T> {
  return { env, flag, expected, schema, defaultValue, secrecy };
}

/** Every variable the runner reads, in documentation order. */
const VARIABLES = {
  catalogPath: variable('POKEMON_CRON_DB', 'db', 'a file path', nonEmpty, './data/pokemon.sqlite3'),
  store: variable(
    'POKEMON_CRON_STORE',
    'store',
    'an SQLite file path or a postgres:// URL',
    nonEmpty.transform((v): StoreConfig => {
      if (/^postgres(ql)?:/i.test(v)) {
        if (!isPostgresUrl(v)) throw new Error('bad url');
        return { kind: 'postgres', url: v };
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) throw new Error('unsupported url');
      return { kind: 'sqlite', path: v };
    }),
    './data/scheduler.sqlite3',
    'url',
  ),
  primaryDatabaseUrl: variable(
    'PRIMARY_DATABASE_URL',
    'primaryUrl',
    'a postgres:// URL',
    postgresUrl,
    undefined,
    'url',
  ),
  backupDir: variable('POKEMON_CRON_BACKUP_DIR', 'backupDir', 'a directory path', nonEmpty, './data/backups'),
  keepDaily: variable(
    'POKEMON_CRON_BACKUP_KEEP_DAILY',
    'keepDaily',
    'a whole number from 0 to 366',
    wholeNumber(0, 366),
    '7',
  ),
  keepWeekly: variable(
    'POKEMON_CRON_BACKUP_KEEP_WEEKLY',
    'keepWeekly',
    'a whole number from 0 to 520',
    wholeNumber(0, 520),
    '4',
  ),
  keepMonthly: variable(
    'POKEMON_CRON_BACKUP_KEEP_MONTHLY',
    'keepMonthly',
    'a whole number from 0 to 1200',
    wholeNumber(0, 1200),
    '3',
  ),
  historyRetentionDays: variable(
    'POKEMON_CRON_HISTORY_RETENTION_DAYS',
    'historyRetentionDays',
    'a whole number of days from 1 to 36500',
    wholeNumber(1, 36_500),
    '90',
  ),
  source: variable('POKEMON_CRON_SOURCE', 'source', '"bundled", "api" or a directory path', nonEmpty, 'bundled'),
  apiUrl: variable('POKEMONTCG_API_URL', 'apiUrl', 'an http(s):// URL', httpUrl, 'https://api.pokemontcg.io'),
  apiKey: variable('POKEMONTCG_API_KEY', 'apiKey', 'a non-empty API key', nonEmpty, undefined, 'hidden'),
  slackWebhookUrl: variable(
    'SLACK_WEBHOOK_URL',
    'slackWebhookUrl',
    'an http(s):// webhook URL',
    httpUrl,
    undefined,
    'hidden',
  ),
  healthchecksUrl: variable(
    'POKEMON_CRON_HEALTHCHECKS_URL',
    'healthchecksUrl',
    'an http(s):// ping URL (a Healthchecks base such as https://hc-ping.com/<ping key>)',
    httpUrl,
    undefined,
    'hidden',
  ),
  sentryDsn: variable(
    'SENTRY_DSN',
    'sentryDsn',
    'a Sentry DSN, https://<public key>@<host>/<project id>',
    nonEmpty.refine(isSentryDsn),
    undefined,
    'hidden',
  ),
  sentryEnvironment: variable(
    'SENTRY_ENVIRONMENT',
    'sentryEnvironment',
    'an environment name without "/" or newlines (at most 64 characters)',
    nonEmpty.regex(/^[^/\r\n]{1,64}$/),
  ),
  timezone: variable(
    'POKEMON_CRON_TZ',
    'tz',
    'an IANA timezone such as "UTC" or "Europe/Paris"',
    nonEmpty.refine(isTimeZone),
    'UTC',
  ),
  maxConcurrency: variable(
    'POKEMON_CRON_MAX_CONCURRENCY',
    'maxConcurrency',
    'a whole number from 1 to 64',
    wholeNumber(1, 64),
    '3',
  ),
  shutdownGraceMs: variable(
    'POKEMON_CRON_SHUTDOWN_GRACE_MS',
    'shutdownGraceMs',
    'a whole number of milliseconds from 0 to 3600000',
    wholeNumber(0, 3_600_000),
    '30000',
  ),
  isolation: variable(
    'POKEMON_CRON_ISOLATION',
    'isolation',
    'one of thread, process, none',
    z.enum(['thread', 'process', 'none']),
    'thread',
  ),
  instanceId: variable(
    'POKEMON_CRON_INSTANCE_ID',
    'instanceId',
    'letters, digits, ".", "_", ":" or "-" (at most 100)',
    nonEmpty.regex(/^[\w.:-]{1,100}$/),
  ),
  httpPort: variable('POKEMON_CRON_HTTP_PORT', 'httpPort', 'a port number from 0 to 65535', wholeNumber(0, 65_535)),
  httpHost: variable('POKEMON_CRON_HTTP_HOST', 'httpHost', 'a host name or IP address', nonEmpty, '127.0.0.1'),
  adminToken: variable(
    'POKEMON_CRON_ADMIN_TOKEN',
    'adminToken',
    'a token of at least 16 characters without spaces',
    z.string().regex(/^\S{16,}$/),
    undefined,
    'hidden',
  ),
  consoleTokens: variable(
    'POKEMON_CRON_CONSOLE_TOKENS',
    'consoleTokens',
    'entries name:role:sha256:<64 hex digits>, comma-separated',
    z.string(),
    undefined,
    'hidden',
  ),
  consoleTokensFile: variable(
    'POKEMON_CRON_CONSOLE_TOKENS_FILE',
    'consoleTokensFile',
    'a path to a file of name:role:sha256:<hex> lines',
    nonEmpty,
  ),
  logLevel: variable('LOG_LEVEL', 'logLevel', `one of ${LOG_LEVELS.join(', ')}`, z.enum(LOG_LEVELS), 'info'),
  logFormat: variable(
    'LOG_FORMAT',
    'logFormat',
    'one of json, pretty, auto',
    z.enum(['json', 'pretty', 'auto']),
    'auto',
  ),
} satisfies Record<string, Variable<unknown>>;

type Variables = typeof VARIABLES;
type Values = { [K in keyof Variables]: Variables[K] extends Variable<infer T> ? T | undefined : never };

/** The environment variable names the runner reads, with the flag that overrides each. */
export const CONFIG_VARIABLES: readonly { env: string; flag: string; expected: string; defaultValue?: string }[] =
  Object.values(VARIABLES).map((v) => ({
    env: v.env,
    flag: `--${v.flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    expected: v.expected,
    ...(v.defaultValue === undefined ? {} : { defaultValue: v.defaultValue }),
  }));

function flagName(flag: string): string {
  return `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * A wrong value as an error line may show it: quoted when it is not a secret;
 * otherwise only its length, or its scheme for a URL, so no part of a token,
 * webhook or password ever reaches a terminal or a log.
 */
function describeValue(v: Variable<unknown>, value: string): string {
  const notShown = 'not shown: it may hold a secret';
  const length = `${value.length} character${value.length === 1 ? '' : 's'}`;
  if (v.secrecy === 'shown') return JSON.stringify(value);
  if (v.secrecy === 'hidden') return `a value of ${length} (${notShown})`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  if (scheme !== undefined) return `a malformed or unsupported ${scheme.toLowerCase()}: URL (${notShown})`;
  if (value.includes('@') || /password/i.test(value)) return `a value of ${length} (${notShown})`;
  return JSON.stringify(value);
}

function readValue<T>(
  v: Variable<T>,
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags,
): T | undefined {
  const fromFlag = flags[v.flag];
  const raw = fromFlag ?? env[v.env];
  const where = fromFlag === undefined ? v.env : flagName(v.flag);
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const value = raw === undefined || raw === '' ? v.defaultValue : raw;
  if (value === undefined) return undefined;
  let parsed: { success: true; data: T } | { success: false };
  try {
    parsed = v.schema.safeParse(value);
  } catch {
    parsed = { success: false };
  }
  if (!parsed.success) throw new ConfigError(`${where}: expected ${v.expected}, got ${describeValue(v, value)}`, where);
  return parsed.data;
}

function readAll(env: Readonly<Record<string, string | undefined>>, flags: ConfigFlags): Values {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(VARIABLES)) out[key] = readValue(v as Variable<unknown>, env, flags);
  return out as Values;
}

function toSource(value: string, values: Values): SourceConfig {
  if (value === 'bundled') return { kind: 'bundled' };
  if (value === 'api') return { kind: 'api', url: values.apiUrl ?? '', apiKey: values.apiKey };
  return { kind: 'directory', path: value };
}

function consoleTokens(values: Values, flags: ConfigFlags): ConsoleToken[] {
  if (values.consoleTokens === undefined) return [];
  const where = flags.consoleTokens !== undefined ? '--console-tokens' : 'POKEMON_CRON_CONSOLE_TOKENS';
  try {
    return parseTokens(values.consoleTokens, where);
  } catch (error) {
    throw new ConfigError((error as Error).message, where);
  }
}

/** Whether the standard OpenTelemetry variables ask for an OTLP export. */
function otlpEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const endpoints = [
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  ];
  return endpoints.some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * Reads and validates the runner's configuration. Pure: it reads only its
 * arguments (no file system, no `process`).
 *
 * @param env - the environment (usually `process.env`)
 * @param flags - command-line flags, which override the environment
 * @returns the effective configuration, every default filled in
 * @throws {@link ConfigError} on the first wrong value, with one line such as
 *   `POKEMON_CRON_MAX_CONCURRENCY: expected a whole number from 1 to 64, got "abc"`
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env, { maxConcurrency: '2' });
 * ```
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, flags: ConfigFlags = {}): RunnerConfig {
  const values = readAll(env, flags);
  return {
    catalogPath: values.catalogPath!,
    store: values.store!,
    primaryDatabaseUrl: values.primaryDatabaseUrl,
    backupDir: values.backupDir!,
    backupRetention: { daily: values.keepDaily!, weekly: values.keepWeekly!, monthly: values.keepMonthly! },
    historyRetentionDays: values.historyRetentionDays!,
    source: toSource(values.source!, values),
    slackWebhookUrl: values.slackWebhookUrl,
    monitors: {
      healthchecksUrl: values.healthchecksUrl,
      sentryDsn: values.sentryDsn,
      sentryEnvironment: values.sentryEnvironment,
    },
    otlp: otlpEnabled(env),
    timezone: values.timezone!,
    maxConcurrency: values.maxConcurrency!,
    shutdownGraceMs: values.shutdownGraceMs!,
    isolation: values.isolation!,
    instanceId: values.instanceId,
    http: {
      port: values.httpPort,
      host: values.httpHost!,
      adminToken: values.adminToken,
      consoleTokens: consoleTokens(values, flags),
      consoleTokensFile: values.consoleTokensFile,
    },
    log: { level: values.logLevel!, format: values.logFormat! },
  };
}
