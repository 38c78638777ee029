/**
 * The runner's configuration: environment variables overridden by
 * command-line flags, validated with zod. A wrong value becomes one
 * {@link ConfigError} line naming the variable (or flag) and the expected form.
 */
import { type ConsoleToken, parseTokens } from '@pokemon/console';
import type { ConfigFlags, RunnerConfig, SourceConfig } from './config/types.js';
import type { Variable } from './config/variable.js';
import { VARIABLES, type Values } from './config/variables.js';
import { ConfigError } from './errors.js';

export type {
  ConfigFlags,
  IsolationConfig,
  LogLevel,
  RunnerConfig,
  SourceConfig,
  StoreConfig,
} from './config/types.js';
export { CONFIG_VARIABLES } from './config/variables.js';

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
