/**
 * OpenTelemetry for the runner: when the standard `OTEL_EXPORTER_OTLP_*` variables ask for it
 * (`RunnerConfig.otlp`), the official SDK exports the scheduler's traces and metrics over
 * OTLP/HTTP. The SDK is loaded only then; the exporters read the other `OTEL_*` variables
 * (endpoint per signal, headers, timeout) themselves, and `OTEL_SERVICE_NAME` /
 * `OTEL_RESOURCE_ATTRIBUTES` name the service.
 */
import type { RunObserver } from '@pokemon/scheduler';
import { VERSION } from './version.js';

/** A started SDK: the scheduler's observer, and the shutdown that flushes what is pending. */
export interface Telemetry {
  /** Give it to `createScheduler({ observers })`. */
  readonly observer: RunObserver;
  /** Exports what is pending (spans, a last collection of metrics), then unregisters the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts the SDK: a tracer provider with a batch span processor and a meter provider with a
 * periodic reader, both to OTLP/HTTP exporters, registered globally (so the jobs' own spans,
 * from any instrumentation, join the run's trace) with the AsyncLocalStorage context manager.
 */
export async function startTelemetry(): Promise<Telemetry> {
  const [api, hooks, traceSdk, metricsSdk, traceExporter, metricExporter, resources, otel] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/exporter-metrics-otlp-http'),
    import('@opentelemetry/resources'),
    import('@pokemon/scheduler/otel'),
  ]);
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ 'service.name': 'pokemon-cron-runner', 'service.version': VERSION }))
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const tracerProvider = new traceSdk.TracerProvider({
    resource,
    spanProcessors: [new traceSdk.BatchSpanProcessor({ exporter: new traceExporter.OTLPTraceExporter() })],
  });
  const reader = new metricsSdk.PeriodicExportingMetricReader({ exporter: new metricExporter.OTLPMetricExporter() });
  const meterProvider = new metricsSdk.MeterProvider({ resource, readers: [reader] });
  const contextManager = new hooks.AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  api.trace.setGlobalTracerProvider(tracerProvider);
  api.metrics.setGlobalMeterProvider(meterProvider);
  return {
    observer: otel.openTelemetry({ tracerProvider, meterProvider }),
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
      api.trace.disable();
      api.metrics.disable();
      api.context.disable();
    },
  };
}
