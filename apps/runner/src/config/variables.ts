/** Every variable the runner reads, with its schema, default and the words used when it is wrong. */
import { z } from 'zod';
import type { StoreConfig } from './types.js';
import {
  httpUrl,
  isPostgresUrl,
  isSentryDsn,
  isTimeZone,
  LOG_LEVELS,
  nonEmpty,
  postgresUrl,
  type Variable,
  variable,
  wholeNumber,
} from './variable.js';

/** Every variable the runner reads, in documentation order. */
export const VARIABLES = {
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
export type Values = { [K in keyof Variables]: Variables[K] extends Variable<infer T> ? T | undefined : never };

/** The environment variable names the runner reads, with the flag that overrides each. */
export const CONFIG_VARIABLES: readonly { env: string; flag: string; expected: string; defaultValue?: string }[] =
  Object.values(VARIABLES).map((v) => ({
    env: v.env,
    flag: `--${v.flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    expected: v.expected,
    ...(v.defaultValue === undefined ? {} : { defaultValue: v.defaultValue }),
  }));
