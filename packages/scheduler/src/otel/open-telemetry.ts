import {
  type Context,
  context,
  createNoopMeter,
  type MeterProvider,
  metrics,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type { RunObserver } from '../run/observer.js';
import { createInstruments } from './instruments.js';
import { traceRun } from './run-span.js';

/** The instrumentation scope of the scheduler's spans and metrics. */
const SCOPE = '@pokemon/scheduler';

/** Options of {@link openTelemetry}. */
export interface OpenTelemetryOptions {
  /** Where spans go. @default the global tracer provider (`trace.getTracerProvider()`) */
  tracerProvider?: TracerProvider;
  /**
   * Where metrics go. @default the global meter provider (`metrics.getMeterProvider()`), read
   * when `openTelemetry()` is called: register the SDK first.
   */
  meterProvider?: MeterProvider;
}

/**
 * Traces and measures every run through the OpenTelemetry API (`@opentelemetry/api`, an
 * optional peer dependency: only this entry point loads it). Give it to
 * `createScheduler({ observers: [openTelemetry()] })`.
 *
 * @remarks
 * - A span `run <job>` per run held by this instance, from its claim to its final record, with a
 *   child span `attempt <job>` per attempt; the job's code runs in the attempt's context, so the
 *   spans it makes (HTTP, SQL) nest under it. A run of `trigger()` or `backfill()` is a child of
 *   the context active when it was called; a scheduled slot starts a new trace. Span times come
 *   from the scheduler's clock. Failed and timed-out attempts and runs have status `ERROR` and the
 *   attempt's error as an exception event.
 * - Metrics: `scheduler.run.duration` and `scheduler.run.lateness` (histograms, seconds),
 *   `scheduler.run.outcomes` (counter, every final record this instance writes, skipped and
 *   missed slots included), `scheduler.run.active` (observable up-down counter of runs under way).
 * - Attribute names are in {@link ATTR}: FaaS semantic conventions where one fits (`faas.trigger`,
 *   `faas.cron`, `faas.time`, `faas.invocation_id`), `error.type`, and `scheduler.*` otherwise.
 * - Without an SDK registered, every call is the API's no-op, and a run whose span records nothing
 *   and carries no trace is not followed at all (nothing is allocated for it past its claim).
 *
 * @example
 * ```ts
 * import { openTelemetry } from '@pokemon/scheduler/otel';
 * const scheduler = createScheduler({ jobs, store, observers: [openTelemetry()] });
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): RunObserver {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  // The API's no-op meter (no SDK registered when this was called): no metric is worth the work per run.
  const instruments = meter === createNoopMeter() ? undefined : createInstruments(meter);
  const observer: RunObserver = {
    name: 'opentelemetry',
    captureContext: () => context.active(),
    runHeld: (run, parent) => traceRun(tracer, instruments, run, isContext(parent) ? parent : undefined),
  };
  if (instruments) return { ...observer, runRecorded: (record) => instruments.runRecorded(record) };
  return observer;
}

function isContext(value: unknown): value is Context {
  return typeof value === 'object' && value !== null && typeof (value as Context).getValue === 'function';
}
