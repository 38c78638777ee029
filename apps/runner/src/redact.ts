/**
 * Redaction of secrets for `cron-runner config` and logs.
 */
import type { RunnerConfig } from './config.js';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Query parameters that carry a password in a PostgreSQL URL (pg and libpq honour them). */
const PASSWORD_PARAMETERS = ['password', 'sslpassword'];

/**
 * Replaces every password in a database URL with `REDACTED`: the one of
 * `user:secret@host` and the `?password=` / `?sslpassword=` query parameters.
 * A value that is not a URL is replaced whole.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return REDACTED;
  }
  let changed = false;
  if (parsed.password !== '') {
    parsed.password = 'REDACTED';
    changed = true;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (PASSWORD_PARAMETERS.includes(key.toLowerCase())) {
      parsed.searchParams.set(key, 'REDACTED');
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}

/**
 * The configuration with every secret redacted: API key, Slack webhook, monitor URL and DSN, admin
 * token, console token hashes, and passwords inside database URLs. Safe to print or log.
 */
export function redactConfig(config: RunnerConfig): RunnerConfig {
  const secret = (value: string | undefined): string | undefined => (value === undefined ? undefined : REDACTED);
  return {
    ...config,
    store: config.store.kind === 'postgres' ? { kind: 'postgres', url: redactUrl(config.store.url) } : config.store,
    primaryDatabaseUrl: config.primaryDatabaseUrl === undefined ? undefined : redactUrl(config.primaryDatabaseUrl),
    source: config.source.kind === 'api' ? { ...config.source, apiKey: secret(config.source.apiKey) } : config.source,
    slackWebhookUrl: secret(config.slackWebhookUrl),
    monitors: {
      ...config.monitors,
      healthchecksUrl: secret(config.monitors.healthchecksUrl),
      sentryDsn: secret(config.monitors.sentryDsn),
    },
    http: {
      ...config.http,
      adminToken: secret(config.http.adminToken),
      // Hashes of high-entropy secrets reveal nothing usable, but a printout has no need of them.
      consoleTokens: config.http.consoleTokens.map((token) => ({ ...token, hash: REDACTED })),
    },
  };
}
