import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/** The official SDK with in-memory exporters, and the AsyncLocalStorage context manager registered globally. */
export interface OtelHarness extends AsyncDisposable {
  tracerProvider: TracerProvider;
  meterProvider: MeterProvider;
  /** Finished spans so far. */
  spans(): ReadableSpan[];
  /** Collects the metrics now (cumulative) and returns the data points of the metric `name`. */
  metric(name: string): Promise<MetricData | undefined>;
}

export function otelHarness(): OtelHarness {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // A long interval: the test collects explicitly with forceFlush.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    spans: () => spanExporter.getFinishedSpans(),
    async metric(name) {
      metricExporter.reset();
      await meterProvider.forceFlush();
      const metrics = metricExporter
        .getMetrics()
        .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics));
      return metrics.find((metric) => metric.descriptor.name === name);
    },
    async [Symbol.asyncDispose]() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      context.disable();
      contextManager.disable();
    },
  };
}
