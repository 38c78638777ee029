/**
 * `@pokemon/scheduler/monitors`: outside monitors told when each run starts and ends, so a
 * runner that dies or stops running a job is noticed by something that does not die with it:
 * Healthchecks-style ping URLs and Sentry Crons check-ins. They are run observers: give them to
 * `createScheduler({ observers })`.
 *
 * @example
 * ```ts
 * import { createScheduler } from '@pokemon/scheduler';
 * import { healthchecksMonitor, sentryCronsMonitor } from '@pokemon/scheduler/monitors';
 *
 * const monitors = [healthchecksMonitor({ url: hcBaseUrl }), sentryCronsMonitor({ dsn })];
 * const scheduler = createScheduler({ jobs, store, observers: monitors });
 * // ... on shutdown
 * await scheduler.stop();
 * await Promise.all(monitors.map((monitor) => monitor.flush()));
 * ```
 *
 * @packageDocumentation
 */

export type { MonitorDeliveryOptions, MonitorFetch } from './monitors/delivery.js';
export type { HealthchecksMonitorOptions } from './monitors/healthchecks.js';
export { healthchecksMonitor } from './monitors/healthchecks.js';
export type { OutsideMonitor } from './monitors/outside-monitor.js';
export type { SentryCronsMonitorOptions } from './monitors/sentry-crons.js';
export { sentryCronsMonitor } from './monitors/sentry-crons.js';
