import {
  type Context,
  context,
  createNoopMeter,
  type MeterProvider,
  metrics,
  ProxyTracerProvider,
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
  const provider = options.tracerProvider ?? trace.getTracerProvider();
  const tracer = provider.getTracer(SCOPE);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  // The API's no-op meter (no SDK registered when this was called): no metric is worth the work per run.
  const instruments = meter === createNoopMeter() ? undefined : createInstruments(meter);
  const tracerIsNoop = noopTracerCheck(provider);
  const observer: RunObserver = {
    name: 'opentelemetry',
    captureContext: () => context.active(),
    runHeld: (run, parent) => {
      const parentContext = isContext(parent) ? parent : undefined;
      // Nothing to record and no trace to carry: not even the span's attributes are built.
      if (!instruments && tracerIsNoop() && !(parentContext && trace.getSpanContext(parentContext))) return undefined;
      return traceRun(tracer, instruments, run, parentContext);
    },
  };
  if (instruments) return { ...observer, runRecorded: (record) => instruments.runRecorded(record) };
  return observer;
}

/**
 * Whether `provider` is, right now, the API's global proxy with no SDK behind it (asked per run:
 * an SDK registered later takes effect at once). Any other provider counts as recording.
 */
function noopTracerCheck(provider: TracerProvider): () => boolean {
  if (!(provider instanceof ProxyTracerProvider)) return () => false;
  const noop = new ProxyTracerProvider().getDelegate(); // the API's no-op provider: a proxy's delegate until one is set
  return () => provider.getDelegate() === noop;
}

function isContext(value: unknown): value is Context {
  return typeof value === 'object' && value !== null && typeof (value as Context).getValue === 'function';
}
