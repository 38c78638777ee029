/**
 * Redaction of secrets for `cron-runner config` and logs.
 */
import type { RunnerConfig } from './config.js';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Replaces the password of a URL (`postgres://user:secret@host`) with `REDACTED`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = 'REDACTED';
    return parsed.toString();
  } catch {
    return REDACTED;
  }
}

/**
 * The configuration with every secret redacted: API key, Slack webhook, admin
 * token, and passwords inside database URLs. Safe to print or log.
 */
export function redactConfig(config: RunnerConfig): RunnerConfig {
  const secret = (value: string | undefined): string | undefined => (value === undefined ? undefined : REDACTED);
  return {
    ...config,
    store: config.store.kind === 'postgres' ? { kind: 'postgres', url: redactUrl(config.store.url) } : config.store,
    primaryDatabaseUrl: config.primaryDatabaseUrl === undefined ? undefined : redactUrl(config.primaryDatabaseUrl),
    source: config.source.kind === 'api' ? { ...config.source, apiKey: secret(config.source.apiKey) } : config.source,
    slackWebhookUrl: secret(config.slackWebhookUrl),
    http: { ...config.http, adminToken: secret(config.http.adminToken) },
  };
}
