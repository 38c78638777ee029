import { componentSite, invalidOption, invalidSecret } from '../core/validate.js';
import type { ObservedJob, ObservedRun } from '../run/observer.js';
import type { RunRecord, RunTrigger } from '../store/types.js';
import { MonitorDelivery, type MonitorDeliveryOptions, type PingRequest } from './delivery.js';
import { type OutsideMonitor, outcomeText, outsideMonitor, REPORTED_TRIGGERS } from './outside-monitor.js';

/** Options of {@link healthchecksMonitor}. */
export interface HealthchecksMonitorOptions extends MonitorDeliveryOptions {
  /**
   * Where each job's check is pinged. A string is a base URL to which `/<job name>` is appended
   * (Healthchecks' slug URLs, `https://hc-ping.com/<ping-key>/<slug>`); a function returns a
   * job's full ping URL (`https://hc-ping.com/<uuid>`), or `undefined` for a job not monitored.
   * A secret: it never appears in logs or errors.
   */
  url: string | ((job: ObservedJob) => string | undefined);
  /** With a base URL: ask Healthchecks to create a check missing for a job (`?create=1`). @default false */
  createMissing?: boolean;
  /** Which runs are reported. @default ['schedule', 'catch-up'] (a manual run would hide a missed slot) */
  triggers?: readonly RunTrigger[];
}

const SITE = componentSite('healthchecksMonitor');

/**
 * Reports each run to a Healthchecks-style ping URL: `<url>/start` when its first attempt starts,
 * then `<url>` when it succeeds or `<url>/fail` when it fails, times out or is cancelled, each with
 * `rid=<run id>` so the two pings pair up and Healthchecks measures the run's duration. The body
 * of the end ping says how the run ended (`failed after 3 attempts: TypeError: ...`).
 *
 * @remarks
 * Pings are sent in the background (see {@link MonitorDeliveryOptions}): a Healthchecks that is
 * down, slow or answers 5xx never delays nor fails a job; a ping is retried, then given up and
 * logged at `warn`, without its URL. Slots recorded `skipped` or `missed` send nothing: the check
 * then goes late on Healthchecks, which is the point.
 *
 * @example
 * ```ts
 * import { healthchecksMonitor } from '@pokemon/scheduler/monitors';
 * const healthchecks = healthchecksMonitor({ url: `https://hc-ping.com/${process.env.HC_PING_KEY}`, createMissing: true });
 * const scheduler = createScheduler({ jobs, store, observers: [healthchecks] });
 * ```
 */
export function healthchecksMonitor(options: HealthchecksMonitorOptions): OutsideMonitor {
  const urlOf = jobUrl(options);
  const delivery = new MonitorDelivery('healthchecks', SITE, options);
  const create = options.createMissing === true && typeof options.url === 'string';
  const ping = (run: ObservedRun, suffix: string, body: string, what: string): PingRequest | undefined => {
    const base = urlOf(run.job);
    if (base === undefined) return undefined;
    const query = new URLSearchParams({ rid: run.record.id });
    if (create) query.set('create', '1');
    return {
      url: `${base}${suffix}?${query}`,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body,
      what: `${what} of run ${run.record.id} of ${run.record.job}`,
    };
  };
  return outsideMonitor('healthchecks', delivery, options.triggers ?? REPORTED_TRIGGERS, {
    started: (run) =>
      ping(run, '/start', `started (${run.record.trigger}, slot ${run.record.scheduledFor.toISOString()})`, 'start'),
    ended: (run, record: RunRecord) => {
      if (record.status === 'running' || record.status === 'skipped') return undefined;
      return ping(run, record.status === 'succeeded' ? '' : '/fail', outcomeText(record), 'end');
    },
  });
}

function jobUrl(options: HealthchecksMonitorOptions): (job: ObservedJob) => string | undefined {
  if (typeof options !== 'object' || options === null) {
    throw invalidOption(SITE, '(options)', 'an object with `url`', options);
  }
  const { url } = options;
  if (typeof url === 'function') return (job) => checkedUrl(url(job));
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    throw invalidSecret(SITE, 'url', 'an http(s) URL or a function of the job', 'Check POKEMON_CRON_HEALTHCHECKS_URL.');
  }
  const base = url.replace(/\/+$/, '');
  return (job) => `${base}/${encodeURIComponent(job.definition.name)}`;
}

function checkedUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (!isHttpUrl(url)) throw invalidSecret(SITE, 'url(job)', 'an http(s) URL or undefined');
  return url.replace(/\/+$/, '');
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(value);
}
