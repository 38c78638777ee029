/**
 * The run observers handed to the scheduler: OpenTelemetry when the `OTEL_EXPORTER_OTLP_*`
 * variables ask for it, and the outside monitors whose variables are set (Healthchecks, Sentry
 * Crons). Their URLs and DSN are never logged.
 */
import type { Logger, RunObserver } from '@pokemon/scheduler';
import type { OutsideMonitor } from '@pokemon/scheduler/monitors';
import type { RunnerConfig } from './config.js';

/** The observers, and how to close them once the scheduler has stopped. */
export interface RunnerObservers {
  readonly observers: readonly RunObserver[];
  /** Flushes the monitors' last pings (waiting at most 5 s) and the telemetry still pending. */
  close(): Promise<void>;
}

/** How long a stop waits for the monitors' last pings (a monitor that hangs must not hold the process). */
const MONITOR_FLUSH_MS = 5_000;

async function flushMonitors(monitors: readonly OutsideMonitor[], logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'gave-up'>((resolve) => {
    timer = setTimeout(() => resolve('gave-up'), MONITOR_FLUSH_MS).unref();
  });
  const flushed = Promise.all(monitors.map((monitor) => monitor.flush())).then(() => 'flushed' as const);
  const outcome = await Promise.race([flushed, gaveUp]);
  clearTimeout(timer);
  if (outcome === 'gave-up') {
    logger.warn(`Stopped without the monitors' last pings: not sent within ${MONITOR_FLUSH_MS} ms`, {
      monitors: monitors.map((monitor) => monitor.name),
    });
  }
}

/** Builds the observers `config` asks for (loading the SDK and the monitors only then). */
export async function createObservers(
  config: Pick<RunnerConfig, 'monitors' | 'otlp'>,
  logger: Logger,
): Promise<RunnerObservers> {
  const observers: RunObserver[] = [];
  const closers: (() => Promise<void>)[] = [];
  const { healthchecksUrl, sentryDsn, sentryEnvironment } = config.monitors;
  if (healthchecksUrl !== undefined || sentryDsn !== undefined) {
    const { healthchecksMonitor, sentryCronsMonitor } = await import('@pokemon/scheduler/monitors');
    const monitors = [
      ...(healthchecksUrl === undefined ? [] : [healthchecksMonitor({ url: healthchecksUrl, logger })]),
      ...(sentryDsn === undefined
        ? []
        : [
            sentryCronsMonitor({
              dsn: sentryDsn,
              logger,
              ...(sentryEnvironment ? { environment: sentryEnvironment } : {}),
            }),
          ]),
    ];
    observers.push(...monitors);
    closers.push(() => flushMonitors(monitors, logger));
  }
  if (config.otlp) {
    const { startTelemetry } = await import('./telemetry.js');
    const telemetry = await startTelemetry();
    observers.push(telemetry.observer);
    closers.push(() => telemetry.shutdown());
  }
  return {
    observers,
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}
