/**
 * `openTelemetry()` with the official SDK (in-memory span and metric exporters) under the fake clock:
 * a span per run with a child per attempt, the job's own spans nested in its attempt, a trigger's
 * context as the run's parent, and the duration, lateness, outcome and in-progress metrics.
 */
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { HistogramMetricData, SumMetricData } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { ATTR, openTelemetry } from '../../src/otel.js';
import { MINUTE, SECOND } from '../../src/testing.js';
import { harness, iso, T0 } from '../scheduler/helpers.js';
import { otelHarness } from './otel-harness.js';

function spanNamed(spans: ReturnType<ReturnType<typeof otelHarness>['spans']>, name: string) {
  return spans.filter((span) => span.name === name);
}

function hrMs(time: [number, number]): number {
  return time[0] * 1000 + time[1] / 1e6;
}

describe('openTelemetry()', () => {
  it('traces a scheduled run: one span, a child per attempt, the job’s own span inside its attempt', async () => {
    await using otel = otelHarness();
    const tracer = otel.tracerProvider.getTracer('job-code');
    let calls = 0;
    await using h = harness(
      [
        {
          name: 'sync-sets',
          schedule: '*/5 * * * *',
          retry: { attempts: 2, backoff: 'fixed', initialDelayMs: 10 * SECOND, jitter: false },
          run: async (ctx) => {
            calls++;
            tracer.startSpan('fetch sets').end(ctx.now());
            if (calls === 1) throw new TypeError('source down');
            return { inserted: 3 };
          },
        },
      ],
      { observers: [openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider })] },
    );
    await h.scheduler.start();
    await h.clock.advance(5 * MINUTE + 10 * SECOND);
    expect(h.finished.map((run) => run.status)).toEqual(['succeeded']);

    const spans = otel.spans();
    const [run] = spanNamed(spans, 'run sync-sets');
    const attempts = spanNamed(spans, 'attempt sync-sets');
    const own = spanNamed(spans, 'fetch sets');
    expect(run).toBeDefined();
    expect(attempts).toHaveLength(2);
    expect(own).toHaveLength(2);
    // A scheduled slot starts a new trace.
    expect(run!.parentSpanContext).toBeUndefined();
    for (const attempt of attempts) {
      expect(attempt.spanContext().traceId).toBe(run!.spanContext().traceId);
      expect(attempt.parentSpanContext?.spanId).toBe(run!.spanContext().spanId);
    }
    expect(own.map((span) => span.parentSpanContext?.spanId)).toEqual(
      attempts.map((span) => span.spanContext().spanId),
    );

    const record = h.finished[0]!;
    expect(run!.attributes).toMatchObject({
      [ATTR.job]: 'sync-sets',
      [ATTR.trigger]: 'schedule',
      [ATTR.status]: 'succeeded',
      [ATTR.attempts]: 2,
      [ATTR.latenessMs]: 0,
      [ATTR.instance]: h.scheduler.instanceId,
      [ATTR.faasTrigger]: 'timer',
      [ATTR.faasCron]: '*/5 * * * *',
      [ATTR.faasTime]: iso(T0 + 5 * MINUTE),
      [ATTR.faasInvocationId]: record.id,
    });
    expect(run!.status.code).toBe(SpanStatusCode.UNSET);
    // Times are the scheduler's (fake) clock: the run spans the 10 s backoff.
    expect(hrMs(run!.endTime)).toBe(record.finishedAt!.getTime());
    expect(hrMs(attempts[1]!.startTime)).toBe(T0 + 5 * MINUTE + 10 * SECOND);

    const [first, second] = attempts;
    expect(first!.attributes).toMatchObject({
      [ATTR.attempt]: 1,
      [ATTR.attemptStatus]: 'failed',
      [ATTR.errorType]: 'TypeError',
    });
    expect(first!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'source down' });
    expect(first!.events.map((event) => [event.name, event.attributes?.['exception.message']])).toEqual([
      ['exception', 'source down'],
    ]);
    expect(second!.attributes).toMatchObject({ [ATTR.attempt]: 2, [ATTR.attemptStatus]: 'succeeded' });
    expect(second!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('makes a triggered run a child of the context active when trigger() was called', async () => {
    await using otel = otelHarness();
    await using h = harness([{ name: 'report', schedule: '0 3 * * *' }], {
      observers: [openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider })],
    });
    const caller = otel.tracerProvider.getTracer('caller');
    const record = await caller.startActiveSpan('POST /admin/run', async (parent) => {
      try {
        return await h.scheduler.trigger('report');
      } finally {
        parent.end();
      }
    });
    const [parent] = spanNamed(otel.spans(), 'POST /admin/run');
    const [run] = spanNamed(otel.spans(), 'run report');
    expect(run!.spanContext().traceId).toBe(parent!.spanContext().traceId);
    expect(run!.parentSpanContext?.spanId).toBe(parent!.spanContext().spanId);
    expect(run!.attributes).toMatchObject({
      [ATTR.trigger]: 'manual',
      [ATTR.faasTrigger]: 'other',
      [ATTR.faasInvocationId]: record.id,
    });

    // A scheduled slot that fires later is not parented to that caller.
    await h.clock.advance(3 * 60 * MINUTE);
    const scheduled = spanNamed(otel.spans(), 'run report').find(
      (span) => span.attributes[ATTR.trigger] === 'schedule',
    );
    expect(scheduled?.parentSpanContext).toBeUndefined();
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('with no SDK registered follows no run and records nothing, and the runs go on as without it', async () => {
    const observer = openTelemetry(); // the API's global no-op providers
    expect(observer.runRecorded).toBeUndefined();
    const followed: unknown[] = [];
    const spy: typeof observer = {
      ...observer,
      runHeld: (run, parent) => {
        const observation = observer.runHeld?.(run, parent);
        followed.push(observation);
        return observation;
      },
    };
    await using h = harness([{ name: 'report', schedule: '* * * * *' }], { observers: [spy] });
    await h.scheduler.start();
    await h.clock.advance(2 * MINUTE);
    await h.scheduler.trigger('report');
    expect(h.finished.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(followed).toEqual([undefined, undefined, undefined]);
  });

  it('traces from the moment an SDK is registered, also when openTelemetry() was called before', async () => {
    await using otel = otelHarness();
    await using h = harness([{ name: 'report', schedule: '0 3 * * *' }], { observers: [openTelemetry()] });
    await h.scheduler.trigger('report');
    expect(otel.spans()).toEqual([]);
    trace.setGlobalTracerProvider(otel.tracerProvider);
    try {
      await h.scheduler.trigger('report');
      expect(spanNamed(otel.spans(), 'run report')).toHaveLength(1);
      expect(spanNamed(otel.spans(), 'attempt report')).toHaveLength(1);
    } finally {
      trace.disable();
    }
  });

  it('with metrics but no tracer still follows each run for its metrics', async () => {
    await using otel = otelHarness();
    const observer = openTelemetry({ meterProvider: otel.meterProvider }); // spans: the global no-op tracer
    await using h = harness([{ name: 'report', schedule: '0 3 * * *' }], { observers: [observer] });
    await h.scheduler.trigger('report');
    expect(otel.spans()).toEqual([]);
    const lateness = (await otel.metric('scheduler.run.lateness')) as HistogramMetricData;
    expect(lateness.dataPoints.map((point) => [point.attributes[ATTR.trigger], point.value.count])).toEqual([
      ['manual', 1],
    ]);
    const outcomes = (await otel.metric('scheduler.run.outcomes')) as SumMetricData;
    expect(outcomes.dataPoints.map((point) => [point.attributes[ATTR.status], point.value])).toEqual([
      ['succeeded', 1],
    ]);
  });

  it('marks a timed-out run ERROR with error.type JOB_TIMEOUT', async () => {
    await using otel = otelHarness();
    await using h = harness(
      [{ name: 'stuck', schedule: '* * * * *', timeoutMs: 20 * SECOND, run: () => new Promise(() => undefined) }],
      { observers: [openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider })] },
    );
    await h.scheduler.start();
    await h.clock.advance(MINUTE + 20 * SECOND);
    const [run] = spanNamed(otel.spans(), 'run stuck');
    const [attempt] = spanNamed(otel.spans(), 'attempt stuck');
    expect(run!.attributes).toMatchObject({ [ATTR.status]: 'timed_out', [ATTR.errorType]: 'JOB_TIMEOUT' });
    expect(run!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempt!.attributes).toMatchObject({ [ATTR.attemptStatus]: 'timed_out', [ATTR.errorType]: 'JOB_TIMEOUT' });
  });

  it('measures duration and lateness, counts outcomes (skipped slots too) and runs in progress', async () => {
    await using otel = otelHarness();
    let release: () => void = () => undefined;
    await using h = harness(
      [
        {
          name: 'slow',
          schedule: '* * * * *',
          overlap: 'skip',
          run: (ctx) =>
            new Promise<void>((resolve) => {
              release = resolve;
              ctx.signal.addEventListener('abort', () => resolve());
            }),
        },
      ],
      { observers: [openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider })] },
    );
    await h.scheduler.start();
    await h.clock.advance(MINUTE);
    const active = (await otel.metric('scheduler.run.active')) as SumMetricData | undefined;
    expect(active?.dataPoints.map((point) => [point.attributes[ATTR.job], point.value])).toEqual([['slow', 1]]);

    await h.clock.advance(MINUTE); // the next slot is skipped: the first run still holds the job
    await h.clock.advance(30 * SECOND);
    release();
    await h.clock.advance(0);
    expect(h.finished.map((run) => run.status)).toEqual(['skipped', 'succeeded']);

    const outcomes = (await otel.metric('scheduler.run.outcomes')) as SumMetricData;
    const byStatus = Object.fromEntries(
      outcomes.dataPoints.map((point) => [point.attributes[ATTR.status], point.value]),
    );
    expect(byStatus).toEqual({ skipped: 1, succeeded: 1 });
    const duration = (await otel.metric('scheduler.run.duration')) as HistogramMetricData;
    expect(duration.descriptor.unit).toBe('s');
    expect(
      duration.dataPoints.map((point) => [point.attributes[ATTR.status], point.value.count, point.value.sum]),
    ).toEqual([['succeeded', 1, 90]]);
    const lateness = (await otel.metric('scheduler.run.lateness')) as HistogramMetricData;
    expect(
      lateness.dataPoints.map((point) => [point.attributes[ATTR.trigger], point.value.count, point.value.sum]),
    ).toEqual([['schedule', 1, 0]]);
    const after = (await otel.metric('scheduler.run.active')) as SumMetricData;
    expect(after.dataPoints.map((point) => point.value)).toEqual([0]);
  });
});
