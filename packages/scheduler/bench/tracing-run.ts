/**
 * One variant of the tracing benchmark, in its own process (bench/tracing.ts runs them in turn):
 * BENCH_TRACING_RUNS manual runs of a trivial job (20,000 on the memory store, 8,000 on SQLite),
 * one after the other, through the whole run path (claim, hold, attempt, final record) on a memory
 * store or an SQLite file (argv[3]: `memory` | `sqlite`), after BENCH_TRACING_WARMUP warm-up runs
 * (3,000 / 2,000: until the optimising compiler has settled, so the figure is the steady state of a
 * long-running service, not how much more code one variant had to compile). Runs the BUILT package
 * (`pnpm build` first), as a user's service would.
 * Prints the mean cost of one run, µs: wall time and the process's CPU time.
 *
 * - `none`: no observer.
 * - `api`: `openTelemetry()` with `@opentelemetry/api` installed and no SDK registered (its no-ops).
 * - `als`: no observer; only the SDK's AsyncLocalStorage context manager registered.
 * - `sdk`: the official SDK registered (AsyncLocalStorage context manager, tracer provider with a
 *   batch span processor into an in-memory exporter, meter provider with a metric reader).
 * - `sdk-calls`: the same SDK, and no scheduler: only the SDK calls that tracing one run makes (two
 *   spans with their attributes, a context entered around an async function, three metric points),
 *   the least any SDK tracing of a run can cost.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { context, metrics, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { createMemoryStore, createScheduler, defineJob, type RunObserver, type Store } from '../dist/index.js';
import { openTelemetry } from '../dist/otel.js';
import { createSqliteStore } from '../dist/sqlite.js';

const variant = process.argv[2] ?? 'none';
const storeKind = process.argv[3] ?? 'memory';
const runs = Number(process.env.BENCH_TRACING_RUNS ?? (storeKind === 'sqlite' ? 8000 : 20_000));
const WARMUP = Number(process.env.BENCH_TRACING_WARMUP ?? (storeKind === 'sqlite' ? 2000 : 3000));

function observers(): { list: RunObserver[]; reset(): void } {
  if (variant === 'none') return { list: [], reset: () => undefined };
  if (variant === 'api') return { list: [openTelemetry()], reset: () => undefined };
  if (variant === 'als') {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    // Entering a context once is what turns Node's async hooks on (for every promise, from then on).
    context.with(context.active(), () => undefined);
    return { list: [], reset: () => undefined };
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const spans = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: spans })] });
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return { list: [openTelemetry()], reset: () => spans.reset() };
}

/** The SDK calls of one traced run, as `openTelemetry()` makes them, without the scheduler. */
function sdkCallsOfOneRun(): (i: number) => Promise<void> {
  const tracer = trace.getTracer('bench');
  const meter = metrics.getMeter('bench');
  const lateness = meter.createHistogram('lateness');
  const duration = meter.createHistogram('duration');
  const outcomes = meter.createCounter('outcomes');
  return async (i) => {
    const attributes = {
      'scheduler.job.name': 'bench',
      'scheduler.run.trigger': 'manual',
      'scheduler.instance.id': 'bench',
      'faas.trigger': 'other',
      'faas.cron': '0 3 * * *',
      'faas.invocation_id': `run-${i}`,
    };
    const run = tracer.startSpan(
      'run bench',
      { kind: SpanKind.INTERNAL, startTime: new Date(), attributes },
      ROOT_CONTEXT,
    );
    run.setAttribute('faas.time', new Date().toISOString());
    const runContext = trace.setSpan(ROOT_CONTEXT, run);
    run.setAttribute('scheduler.run.lateness_ms', 0);
    lateness.record(0, { 'scheduler.job.name': 'bench', 'scheduler.run.trigger': 'manual' });
    const attempt = tracer.startSpan(
      'attempt bench',
      {
        kind: SpanKind.INTERNAL,
        startTime: new Date(),
        attributes: { 'scheduler.job.name': 'bench', 'scheduler.attempt.number': 1 },
      },
      runContext,
    );
    await context.with(trace.setSpan(runContext, attempt), async () => 1);
    attempt.setAttribute('scheduler.attempt.status', 'succeeded');
    attempt.end(new Date());
    run.setAttribute('scheduler.run.status', 'succeeded');
    run.setAttribute('scheduler.run.attempts', 1);
    run.end(new Date());
    const outcome = {
      'scheduler.job.name': 'bench',
      'scheduler.run.trigger': 'manual',
      'scheduler.run.status': 'succeeded',
    };
    outcomes.add(1, outcome);
    duration.record(0.001, outcome);
  };
}

/** Prints the CPU cost of {@link sdkCallsOfOneRun}, µs (the SDK registered by `observers()`). */
async function measureSdkCalls(reset: () => void): Promise<void> {
  const once = sdkCallsOfOneRun();
  for (let i = 0; i < WARMUP; i++) await once(i);
  reset();
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    await once(i);
    if (i % 256 === 255) reset();
  }
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      variant,
      usPerRun: ((performance.now() - started) * 1000) / runs,
      cpuUsPerRun: (used.user + used.system) / runs,
    }),
  );
}

async function main(): Promise<void> {
  const observed = observers();
  if (variant === 'sdk-calls') return measureSdkCalls(observed.reset);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-bench-tracing-'));
  const store: Store =
    storeKind === 'sqlite' ? createSqliteStore({ filename: path.join(dir, 'runs.sqlite3') }) : createMemoryStore();
  const job = defineJob({ name: 'bench', schedule: '0 3 * * *', run: () => 1 });
  const scheduler = createScheduler({ jobs: [job], store, observers: observed.list });
  for (let i = 0; i < WARMUP; i++) await scheduler.trigger('bench');
  observed.reset();
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    await scheduler.trigger('bench');
    // An exporter ships its spans away: the in-memory one would otherwise keep every span (a growing heap).
    if (i % 256 === 255) observed.reset();
  }
  const used = process.cpuUsage(cpu);
  const elapsedMs = performance.now() - started;
  await scheduler.stop();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    JSON.stringify({ variant, usPerRun: (elapsedMs * 1000) / runs, cpuUsPerRun: (used.user + used.system) / runs }),
  );
}

await main();
