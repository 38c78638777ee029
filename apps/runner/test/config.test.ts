import { describe, expect, it } from 'vitest';
import { checkPaths } from '../src/check-paths.js';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { REDACTED, redactConfig } from '../src/redact.js';

function errorOf(env: Record<string, string>, flags = {}): string {
  try {
    loadConfig(env, flags);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig defaults', () => {
  it('runs everything on embedded SQLite with the bundled data when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      catalogPath: './data/pokemon.sqlite3',
      store: { kind: 'sqlite', path: './data/scheduler.sqlite3' },
      primaryDatabaseUrl: undefined,
      backupDir: './data/backups',
      backupRetention: { daily: 7, weekly: 4, monthly: 3 },
      historyRetentionDays: 90,
      source: { kind: 'bundled' },
      slackWebhookUrl: undefined,
      monitors: { healthchecksUrl: undefined, sentryDsn: undefined, sentryEnvironment: undefined },
      otlp: false,
      timezone: 'UTC',
      maxConcurrency: 3,
      shutdownGraceMs: 30_000,
      isolation: 'thread',
      instanceId: undefined,
      http: {
        port: undefined,
        host: '127.0.0.1',
        adminToken: undefined,
        consoleTokens: [],
        consoleTokensFile: undefined,
      },
      log: { level: 'info', format: 'auto' },
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ POKEMON_CRON_MAX_CONCURRENCY: '' }).maxConcurrency).toBe(3);
  });
});

describe('loadConfig values', () => {
  it('reads every variable', () => {
    const config = loadConfig({
      POKEMON_CRON_DB: '/var/lib/cat.sqlite3',
      POKEMON_CRON_STORE: 'postgres://cron:pw@db:5432/cron',
      PRIMARY_DATABASE_URL: 'postgresql://app@primary/app',
      POKEMON_CRON_BACKUP_DIR: '/backups',
      POKEMON_CRON_BACKUP_KEEP_DAILY: '10',
      POKEMON_CRON_BACKUP_KEEP_WEEKLY: '5',
      POKEMON_CRON_BACKUP_KEEP_MONTHLY: '12',
      POKEMON_CRON_HISTORY_RETENTION_DAYS: '30',
      POKEMON_CRON_SOURCE: 'api',
      POKEMONTCG_API_URL: 'http://127.0.0.1:9/v2',
      POKEMONTCG_API_KEY: 'k-123',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
      POKEMON_CRON_TZ: 'Europe/Paris',
      POKEMON_CRON_MAX_CONCURRENCY: '8',
      POKEMON_CRON_SHUTDOWN_GRACE_MS: '5000',
      POKEMON_CRON_ISOLATION: 'process',
      POKEMON_CRON_INSTANCE_ID: 'runner-a',
      POKEMON_CRON_HTTP_PORT: '9464',
      POKEMON_CRON_HTTP_HOST: '0.0.0.0',
      POKEMON_CRON_ADMIN_TOKEN: 'abcdefghijklmnop',
      POKEMON_CRON_CONSOLE_TOKENS: `ops-alice:operator:sha256:${'ab'.repeat(32)}`,
      POKEMON_CRON_CONSOLE_TOKENS_FILE: '/etc/cron/tokens',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://cron:pw@db:5432/cron' });
    expect(config.source).toEqual({ kind: 'api', url: 'http://127.0.0.1:9/v2', apiKey: 'k-123' });
    expect(config.backupRetention).toEqual({ daily: 10, weekly: 5, monthly: 12 });
    expect(config.http).toEqual({
      port: 9464,
      host: '0.0.0.0',
      adminToken: 'abcdefghijklmnop',
      consoleTokens: [{ name: 'ops-alice', role: 'operator', hash: `sha256:${'ab'.repeat(32)}` }],
      consoleTokensFile: '/etc/cron/tokens',
    });
    expect(config).toMatchObject({
      catalogPath: '/var/lib/cat.sqlite3',
      primaryDatabaseUrl: 'postgresql://app@primary/app',
      backupDir: '/backups',
      historyRetentionDays: 30,
      slackWebhookUrl: 'https://hooks.slack.com/services/T/B/X',
      timezone: 'Europe/Paris',
      maxConcurrency: 8,
      shutdownGraceMs: 5000,
      isolation: 'process',
      instanceId: 'runner-a',
      log: { level: 'debug', format: 'json' },
    });
  });

  it('reads the outside monitors and asks for OTLP when a standard endpoint variable is set', () => {
    const config = loadConfig({
      POKEMON_CRON_HEALTHCHECKS_URL: 'https://hc-ping.com/key123',
      SENTRY_DSN: 'https://abc@o1.ingest.sentry.io/42',
      SENTRY_ENVIRONMENT: 'production',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
    });
    expect(config.monitors).toEqual({
      healthchecksUrl: 'https://hc-ping.com/key123',
      sentryDsn: 'https://abc@o1.ingest.sentry.io/42',
      sentryEnvironment: 'production',
    });
    expect(config.otlp).toBe(true);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).otlp).toBe(true);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }).otlp).toBe(false);
    expect(loadConfig({ OTEL_SERVICE_NAME: 'cron' }).otlp).toBe(false);
    const redacted = redactConfig(config);
    expect(redacted.monitors).toEqual({
      healthchecksUrl: REDACTED,
      sentryDsn: REDACTED,
      sentryEnvironment: 'production',
    });
  });

  it('takes a directory source as a path', () => {
    expect(loadConfig({ POKEMON_CRON_SOURCE: '../data/tcg' }).source).toEqual({
      kind: 'directory',
      path: '../data/tcg',
    });
  });

  it('lets flags override the environment', () => {
    const config = loadConfig(
      { POKEMON_CRON_MAX_CONCURRENCY: '2', POKEMON_CRON_STORE: '/a.sqlite3' },
      { maxConcurrency: '5', store: '/b.sqlite3' },
    );
    expect(config.maxConcurrency).toBe(5);
    expect(config.store).toEqual({ kind: 'sqlite', path: '/b.sqlite3' });
  });

  it('names the flag, not the variable, when the flag is wrong', () => {
    expect(errorOf({ POKEMON_CRON_MAX_CONCURRENCY: '2' }, { maxConcurrency: 'x' })).toBe(
      '--max-concurrency: expected a whole number from 1 to 64, got "x"',
    );
  });
});

describe('loadConfig errors: one line naming the variable and the expected form', () => {
  const cases: [Record<string, string>, string][] = [
    [
      { POKEMON_CRON_MAX_CONCURRENCY: 'abc' },
      'POKEMON_CRON_MAX_CONCURRENCY: expected a whole number from 1 to 64, got "abc"',
    ],
    [{ POKEMON_CRON_ISOLATION: 'fork' }, 'POKEMON_CRON_ISOLATION: expected one of thread, process, none, got "fork"'],
    [
      { POKEMON_CRON_MAX_CONCURRENCY: '0' },
      'POKEMON_CRON_MAX_CONCURRENCY: expected a whole number from 1 to 64, got "0"',
    ],
    [
      { POKEMON_CRON_MAX_CONCURRENCY: '2.5' },
      'POKEMON_CRON_MAX_CONCURRENCY: expected a whole number from 1 to 64, got "2.5"',
    ],
    [{ POKEMON_CRON_DB: '   ' }, 'POKEMON_CRON_DB: expected a file path, got "   "'],
    [
      { POKEMON_CRON_STORE: 'postgres://' },
      'POKEMON_CRON_STORE: expected an SQLite file path or a postgres:// URL, got a malformed or unsupported postgres: URL (not shown: it may hold a secret)',
    ],
    [
      { POKEMON_CRON_STORE: 'mysql://db/x' },
      'POKEMON_CRON_STORE: expected an SQLite file path or a postgres:// URL, got a malformed or unsupported mysql: URL (not shown: it may hold a secret)',
    ],
    [
      { PRIMARY_DATABASE_URL: 'http://db' },
      'PRIMARY_DATABASE_URL: expected a postgres:// URL, got a malformed or unsupported http: URL (not shown: it may hold a secret)',
    ],
    [{ POKEMON_CRON_BACKUP_DIR: ' ' }, 'POKEMON_CRON_BACKUP_DIR: expected a directory path, got " "'],
    [
      { POKEMON_CRON_BACKUP_KEEP_DAILY: '-1' },
      'POKEMON_CRON_BACKUP_KEEP_DAILY: expected a whole number from 0 to 366, got "-1"',
    ],
    [
      { POKEMON_CRON_BACKUP_KEEP_WEEKLY: 'w' },
      'POKEMON_CRON_BACKUP_KEEP_WEEKLY: expected a whole number from 0 to 520, got "w"',
    ],
    [
      { POKEMON_CRON_BACKUP_KEEP_MONTHLY: '1e3' },
      'POKEMON_CRON_BACKUP_KEEP_MONTHLY: expected a whole number from 0 to 1200, got "1e3"',
    ],
    [
      { POKEMON_CRON_HISTORY_RETENTION_DAYS: '0' },
      'POKEMON_CRON_HISTORY_RETENTION_DAYS: expected a whole number of days from 1 to 36500, got "0"',
    ],
    [{ POKEMON_CRON_SOURCE: ' ' }, 'POKEMON_CRON_SOURCE: expected "bundled", "api" or a directory path, got " "'],
    [{ POKEMONTCG_API_URL: 'ftp://x' }, 'POKEMONTCG_API_URL: expected an http(s):// URL, got "ftp://x"'],
    [
      { POKEMONTCG_API_KEY: ' ' },
      'POKEMONTCG_API_KEY: expected a non-empty API key, got a value of 1 character (not shown: it may hold a secret)',
    ],
    [
      { SLACK_WEBHOOK_URL: 'hooks.slack.com' },
      'SLACK_WEBHOOK_URL: expected an http(s):// webhook URL, got a value of 15 characters (not shown: it may hold a secret)',
    ],
    [
      { POKEMON_CRON_TZ: 'Mars/Olympus' },
      'POKEMON_CRON_TZ: expected an IANA timezone such as "UTC" or "Europe/Paris", got "Mars/Olympus"',
    ],
    [
      { POKEMON_CRON_SHUTDOWN_GRACE_MS: '1s' },
      'POKEMON_CRON_SHUTDOWN_GRACE_MS: expected a whole number of milliseconds from 0 to 3600000, got "1s"',
    ],
    [
      { POKEMON_CRON_INSTANCE_ID: 'a b' },
      'POKEMON_CRON_INSTANCE_ID: expected letters, digits, ".", "_", ":" or "-" (at most 100), got "a b"',
    ],
    [
      { POKEMON_CRON_HTTP_PORT: '70000' },
      'POKEMON_CRON_HTTP_PORT: expected a port number from 0 to 65535, got "70000"',
    ],
    [{ POKEMON_CRON_HTTP_HOST: ' ' }, 'POKEMON_CRON_HTTP_HOST: expected a host name or IP address, got " "'],
    [
      { POKEMON_CRON_ADMIN_TOKEN: 'short' },
      'POKEMON_CRON_ADMIN_TOKEN: expected a token of at least 16 characters without spaces, got a value of 5 characters (not shown: it may hold a secret)',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT: expected one of json, pretty, auto, got "xml"'],
  ];
  it.each(cases)('%j', (env, message) => {
    expect(errorOf(env)).toBe(message);
    expect(message).not.toContain('\n');
  });

  it('binds beyond loopback without a token (probes only: the console then refuses every request)', () => {
    expect(loadConfig({ POKEMON_CRON_HTTP_PORT: '9464', POKEMON_CRON_HTTP_HOST: '0.0.0.0' }).http).toMatchObject({
      host: '0.0.0.0',
      consoleTokens: [],
    });
  });

  it.each([
    ['ops:viewer', 'POKEMON_CRON_CONSOLE_TOKENS, entry 1 (ops): expected "sha256:" and 64 hex digits after the role'],
    [
      `ops:root:sha256:${'0'.repeat(64)}`,
      'POKEMON_CRON_CONSOLE_TOKENS, entry 1 (ops): expected a role (viewer, operator, admin), got "root"',
    ],
    [`a b:viewer:sha256:${'0'.repeat(64)}`, 'POKEMON_CRON_CONSOLE_TOKENS, entry 1: expected a name of letters, digits'],
    [
      `x:viewer:sha256:${'0'.repeat(64)},x:admin:sha256:${'1'.repeat(64)}`,
      'POKEMON_CRON_CONSOLE_TOKENS: the name "x" is used twice',
    ],
  ])('rejects the console token entry %j naming where, never echoing a hash', (entries, message) => {
    const error = errorOf({ POKEMON_CRON_CONSOLE_TOKENS: entries });
    expect(error.startsWith(message)).toBe(true);
    expect(error).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe('redactConfig', () => {
  it('hides every secret and keeps the rest', () => {
    const config = loadConfig({
      POKEMON_CRON_STORE: 'postgres://cron:s3cret@db/cron',
      PRIMARY_DATABASE_URL: 'postgres://app:hunter2@primary/app',
      POKEMON_CRON_SOURCE: 'api',
      POKEMONTCG_API_KEY: 'api-key-value',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
      POKEMON_CRON_ADMIN_TOKEN: 'abcdefghijklmnop',
    });
    const text = JSON.stringify(redactConfig(config));
    for (const secret of ['s3cret', 'hunter2', 'api-key-value', 'hooks.slack.com', 'abcdefghijklmnop']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(REDACTED);
    expect(text).toContain('db/cron');
  });
});

describe('checkPaths', () => {
  it('rejects a directory source that does not exist, in one line', () => {
    const config = loadConfig({ POKEMON_CRON_SOURCE: '/nonexistent/tcg-data' });
    expect(() => checkPaths(config)).toThrow(
      new ConfigError(
        'POKEMON_CRON_SOURCE: expected "bundled", "api" or an existing directory, got "/nonexistent/tcg-data" (not a directory)',
        'POKEMON_CRON_SOURCE',
      ),
    );
    expect(() => checkPaths(loadConfig({ POKEMON_CRON_SOURCE: '.' }))).not.toThrow();
  });
});
