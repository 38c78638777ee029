import { adoptClock, type Clock, systemClock } from '../../core/clock.js';
import { NotifierError } from '../../core/errors.js';
import { componentSite, integerAtLeast, invalidOption, invalidSecret, positiveNumber } from '../../core/validate.js';
import { retry } from '../../primitives/retry.js';
import { withTimeout } from '../../primitives/with-timeout.js';
import { withMinSeverity } from '../severity.js';
import type { Alert, AlertSeverity, Notifier } from '../types.js';
import { buildSlackMessage, type SlackMessage } from './block-kit.js';
import { parseRetryAfterMs } from './retry-after.js';

/** Longest `Retry-After` honoured (a larger one is cut to this). */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** The part of the WHATWG `fetch` the Slack notifier uses (the global `fetch` fits). */
export type SlackFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** Options of {@link slackNotifier}. */
export interface SlackNotifierOptions {
  /**
   * The Slack incoming-webhook URL (`https://hooks.slack.com/services/...`).
   * It is a secret: it never appears in logs, errors or alert text.
   */
  webhookUrl: string;
  /** Alerts below this severity are not posted. @default 'info' (everything) */
  minSeverity?: AlertSeverity;
  /** The HTTP client. @default globalThis.fetch */
  fetch?: SlackFetch;
  /** Time source for timeouts and retry delays. @default the clock of the scheduler it is given to, else `systemClock` */
  clock?: Clock;
  /** Time limit of one HTTP request, ms. @default 10000 */
  timeoutMs?: number;
  /** Attempts per alert (the first included); 429, 5xx, network errors and timeouts are retried. @default 5 */
  maxAttempts?: number;
  /** Delay before the 2nd attempt when Slack gives no `Retry-After`, doubled each time, ms. @default 1000 */
  initialDelayMs?: number;
  /** Upper bound of a backoff delay, ms (a `Retry-After` from Slack is honoured up to 15 minutes). @default 60000 */
  maxDelayMs?: number;
  /**
   * Builds the "View run" link of alerts that have a run id and no link:
   * `{runId}` and `{job}` are replaced (URL-encoded).
   * @example 'https://ops.example.com/runs/{runId}'
   */
  linkTemplate?: string;
  /** Replaces the message builder (Block Kit) for custom layouts. @default buildSlackMessage */
  format?: (alert: Alert) => SlackMessage;
}

/**
 * A notifier posting each alert to a Slack incoming webhook as a Block Kit
 * message (header, job, status, attempts, duration, error summary, run id).
 *
 * @remarks
 * Delivery is at-least-once: 429 and 5xx answers, network errors and
 * timeouts are retried with exponential backoff, honouring `Retry-After`; a
 * retried request that Slack had in fact accepted can post twice. Other 4xx
 * answers fail at once. Errors say `Slack webhook returned 500` and never
 * contain the URL.
 *
 * @example
 * ```ts
 * import { slackNotifier } from '@pokemon/scheduler/slack';
 * const slack = slackNotifier({ webhookUrl: process.env.SLACK_WEBHOOK_URL!, minSeverity: 'warning' });
 * ```
 */
export function slackNotifier(options: SlackNotifierOptions): Notifier {
  const config = resolve(options);
  let clockSettled = options.clock !== undefined;
  const notifier: Notifier = {
    name: 'slack',
    notify: (alert, signal) => postWithRetry(config, withLink(alert, config.linkTemplate), signal),
  };
  Object.defineProperty(notifier, adoptClock, {
    value: (clock: Clock) => {
      if (clockSettled) return;
      config.clock = clock;
      clockSettled = true;
    },
  });
  return options.minSeverity ? withMinSeverity(notifier, options.minSeverity) : notifier;
}

const SITE = componentSite('slackNotifier');

interface SlackConfig {
  readonly url: string;
  readonly fetch: SlackFetch;
  clock: Clock;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly linkTemplate: string | undefined;
  readonly format: (alert: Alert) => SlackMessage;
}

function resolve(options: SlackNotifierOptions): SlackConfig {
  if (typeof options.webhookUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(options.webhookUrl)) {
    throw invalidSecret(SITE, 'webhookUrl', 'an http(s) URL', 'Check SLACK_WEBHOOK_URL.');
  }
  const fetchImpl = options.fetch ?? (globalThis.fetch as unknown as SlackFetch | undefined);
  if (!fetchImpl) {
    throw invalidOption(SITE, 'fetch', 'a fetch implementation', fetchImpl, 'Pass `fetch` or use Node >= 20.');
  }
  return {
    url: options.webhookUrl,
    fetch: fetchImpl,
    clock: options.clock ?? systemClock,
    timeoutMs: positiveNumber(SITE, 'timeoutMs', options.timeoutMs, 10_000),
    maxAttempts: integerAtLeast(SITE, 'maxAttempts', options.maxAttempts, 1, 5),
    initialDelayMs: positiveNumber(SITE, 'initialDelayMs', options.initialDelayMs, 1_000),
    maxDelayMs: positiveNumber(SITE, 'maxDelayMs', options.maxDelayMs, 60_000),
    linkTemplate: options.linkTemplate,
    format: options.format ?? buildSlackMessage,
  };
}

function withLink(alert: Alert, template: string | undefined): Alert {
  if (alert.link || !template || alert.runId === undefined) return alert;
  const link = template
    .replaceAll('{runId}', encodeURIComponent(alert.runId))
    .replaceAll('{job}', encodeURIComponent(alert.job ?? ''));
  return { ...alert, link };
}

/** The `Retry-After` Slack sent with a failed answer, by error. */
const retryAfterByError = new WeakMap<Error, number>();

async function postWithRetry(config: SlackConfig, alert: Alert, signal?: AbortSignal): Promise<void> {
  const body = JSON.stringify(config.format(alert));
  await retry((_attempt, attemptSignal) => postOnce(config, body, attemptSignal), {
    attempts: config.maxAttempts,
    initialDelayMs: Math.min(config.initialDelayMs, config.maxDelayMs),
    maxDelayMs: config.maxDelayMs,
    jitter: false,
    clock: config.clock,
    signal,
    retryAfterMs: (error) => retryAfterByError.get(error),
  });
}

function postOnce(config: SlackConfig, body: string, signal: AbortSignal): Promise<void> {
  const timeout = (): NotifierError =>
    new NotifierError('slack', `Slack webhook did not answer within ${config.timeoutMs} ms.`, { retryable: true });
  return withTimeout((timed) => request(config, body, timed), config.timeoutMs, {
    clock: config.clock,
    signal,
    reason: timeout,
  });
}

async function request(config: SlackConfig, body: string, signal: AbortSignal): Promise<void> {
  let response: Awaited<ReturnType<SlackFetch>>;
  let text: string;
  try {
    response = await config.fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      signal,
    });
    text = await response.text();
  } catch (thrown) {
    if (signal.aborted) throw signal.reason;
    throw networkError(thrown);
  }
  if (response.status >= 200 && response.status < 300) return;
  const error = httpError(response.status, text);
  const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), config.clock.now());
  if (retryAfterMs !== undefined) retryAfterByError.set(error, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
  throw error;
}

function httpError(status: number, body: string): NotifierError {
  // Slack answers errors with short codes such as `invalid_payload` or `no_service`: safe to show.
  const detail = /^[a-z_]{1,60}$/.test(body.trim()) ? ` (${body.trim()})` : '';
  const retryable = status === 429 || status >= 500;
  const hint = retryable ? '' : ' Check that the webhook still exists and the message is valid.';
  return new NotifierError('slack', `Slack webhook returned ${status}${detail}.${hint}`, { status, retryable });
}

function networkError(thrown: unknown): NotifierError {
  // Only the error code is kept: undici's messages and causes may carry the request target.
  const cause = (thrown as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (thrown as { code?: unknown })?.code;
  const label = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
  return new NotifierError('slack', `Slack webhook request failed${label}: network error.`, { retryable: true });
}
