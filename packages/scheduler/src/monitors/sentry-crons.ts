import { componentSite, invalidOption, positiveNumber } from '../core/validate.js';
import type { JobDefinition } from '../job/types.js';
import type { ObservedJob, ObservedRun } from '../run/observer.js';
import type { RunRecord, RunTrigger } from '../store/types.js';
import { MonitorDelivery, type MonitorDeliveryOptions, type PingRequest } from './delivery.js';
import { type OutsideMonitor, outsideMonitor, REPORTED_TRIGGERS } from './outside-monitor.js';
import { parseSentryDsn, type SentryEndpoint } from './sentry-dsn.js';

/** Options of {@link sentryCronsMonitor}. */
export interface SentryCronsMonitorOptions extends MonitorDeliveryOptions {
  /** The project's DSN (`https://<public key>@<host>/<project id>`). A secret: never logged. */
  dsn: string;
  /** The monitor of a job, or `undefined` for a job not monitored. @default the job's name */
  slug?: (job: ObservedJob) => string | undefined;
  /** Sentry's `environment` of the check-ins. @default none (Sentry's `production`) */
  environment?: string;
  /**
   * Minutes Sentry waits past a slot before calling it missed (`checkin_margin`).
   * @default 1, plus the job's jitter rounded up to minutes
   */
  checkinMarginMinutes?: number;
  /** Which runs are reported. @default ['schedule', 'catch-up'] (a manual run would hide a missed slot) */
  triggers?: readonly RunTrigger[];
}

const SITE = componentSite('sentryCronsMonitor');

/**
 * Reports each run to Sentry Crons as check-ins (envelopes to the DSN's project): `in_progress`
 * when its first attempt starts, then `ok` or `error` with the same `check_in_id` (the run's id,
 * without dashes) and the run's duration. The first check-in carries the monitor's configuration,
 * so Sentry creates or updates the monitor: the job's schedule (`crontab`) and timezone,
 * `max_runtime` (every attempt at the job's `timeoutMs` plus the longest retry delays between them,
 * in minutes) and `checkin_margin`.
 *
 * @remarks
 * Check-ins are sent in the background (see {@link MonitorDeliveryOptions}): a Sentry that is down
 * or slow never delays nor fails a job. A schedule with a seconds field has no crontab form: its
 * check-ins carry no schedule and the monitor must be configured in Sentry. `skipped` and `missed`
 * slots send nothing: Sentry reports them missed.
 *
 * @example
 * ```ts
 * import { sentryCronsMonitor } from '@pokemon/scheduler/monitors';
 * const sentry = sentryCronsMonitor({ dsn: process.env.SENTRY_DSN!, environment: 'production' });
 * const scheduler = createScheduler({ jobs, store, observers: [sentry] });
 * ```
 */
export function sentryCronsMonitor(options: SentryCronsMonitorOptions): OutsideMonitor {
  if (typeof options !== 'object' || options === null) {
    throw invalidOption(SITE, '(options)', 'an object with `dsn`', options);
  }
  const endpoint = parseSentryDsn(SITE, options.dsn);
  const margin = options.checkinMarginMinutes;
  if (margin !== undefined) positiveNumber(SITE, 'checkinMarginMinutes', margin, 1);
  const delivery = new MonitorDelivery('sentry-crons', SITE, options);
  const slugOf = options.slug ?? ((job: ObservedJob) => job.definition.name);
  const checkIn = (
    run: ObservedRun,
    payload: Record<string, unknown> | undefined,
    what: string,
  ): PingRequest | undefined => {
    const slug = slugOf(run.job);
    if (slug === undefined || payload === undefined) return undefined;
    const body = { check_in_id: checkInId(run.record), monitor_slug: slug, ...payload };
    if (options.environment) Object.assign(body, { environment: options.environment });
    return envelope(endpoint, body, `${what} check-in of run ${run.record.id} of ${run.record.job}`);
  };
  return outsideMonitor('sentry-crons', delivery, options.triggers ?? REPORTED_TRIGGERS, {
    started: (run) =>
      checkIn(run, { status: 'in_progress', monitor_config: monitorConfig(run.job, margin) }, 'in_progress'),
    ended: (run, record) => checkIn(run, endPayload(record), 'final'),
  });
}

function endPayload(record: RunRecord): Record<string, unknown> | undefined {
  if (record.status === 'running' || record.status === 'skipped') return undefined;
  const payload: Record<string, unknown> = { status: record.status === 'succeeded' ? 'ok' : 'error' };
  if (record.durationMs !== undefined) payload.duration = record.durationMs / 1000;
  return payload;
}

/** The run id as a check-in id: Sentry's UUID form without dashes. */
function checkInId(record: RunRecord): string {
  return record.id.replaceAll('-', '');
}

function monitorConfig(job: ObservedJob, marginMinutes: number | undefined): Record<string, unknown> {
  const def = job.definition;
  const config: Record<string, unknown> = {
    checkin_margin: marginMinutes ?? 1 + Math.ceil(def.jitterMs / 60_000),
    max_runtime: maxRuntimeMinutes(def),
    timezone: job.timezone,
  };
  // Sentry's crontab has five fields; a seconds field (six) cannot be sent.
  if (job.schedule.trim().split(/\s+/).length !== 6) config.schedule = { type: 'crontab', value: job.schedule.trim() };
  return config;
}

/** The longest a run can take: every attempt at its time limit, plus the longest delay between them. */
function maxRuntimeMinutes(def: JobDefinition): number {
  const { attempts, maxDelayMs } = def.retry;
  return Math.max(1, Math.ceil((attempts * def.timeoutMs + (attempts - 1) * maxDelayMs) / 60_000));
}

function envelope(endpoint: SentryEndpoint, payload: Record<string, unknown>, what: string): PingRequest {
  const body = `{}\n${JSON.stringify({ type: 'check_in' })}\n${JSON.stringify(payload)}\n`;
  return {
    url: endpoint.envelopeUrl,
    headers: { 'content-type': 'application/x-sentry-envelope', 'x-sentry-auth': endpoint.auth },
    body,
    what,
  };
}
