import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { AttemptObservation, ObservedAttempt, ObservedRun, RunObservation } from '../run/observer.js';
import type { RunAttempt, RunRecord } from '../store/types.js';
import { ATTR, errorType, faasTrigger } from './attributes.js';
import type { Instruments } from './instruments.js';

/**
 * Traces one held run: a span from its claim to its final record, parented to `parent` (the
 * context `trigger()` was called in) or a new trace for a scheduled slot, with a child span per
 * attempt in whose context the job's code runs. Times come from the scheduler's clock.
 *
 * @internal
 */
export function traceRun(
  tracer: Tracer,
  instruments: Instruments | undefined,
  run: ObservedRun,
  parent: Context | undefined,
): RunObservation | undefined {
  const { record } = run;
  const name = record.job;
  const attributes: Attributes = {
    [ATTR.job]: name,
    [ATTR.trigger]: record.trigger,
    [ATTR.instance]: run.instanceId,
    [ATTR.faasTrigger]: faasTrigger(record.trigger),
    [ATTR.faasCron]: run.job.schedule,
    [ATTR.faasInvocationId]: record.id,
  };
  const base = parent ?? ROOT_CONTEXT;
  const span = tracer.startSpan(
    `run ${name}`,
    { kind: SpanKind.INTERNAL, startTime: record.createdAt, attributes },
    base,
  );
  // Set after the start (a sampler does not see it): formatting a date costs about 1 µs, paid only when recording.
  if (span.isRecording()) span.setAttribute(ATTR.faasTime, record.scheduledFor.toISOString());
  // Without an SDK (or a parent) the span is a no-op with no trace to carry: no attempt spans, no context to enter.
  const traced = span.isRecording() || isSpanContextValid(span.spanContext());
  if (!traced && !instruments) return undefined;
  const runContext = traced ? trace.setSpan(base, span) : base;
  let started = false;
  return {
    attemptStarted(attempt: ObservedAttempt): AttemptObservation | undefined {
      if (!started) {
        started = true;
        span.setAttribute(ATTR.latenessMs, attempt.latenessMs);
        instruments?.runStarted(record, attempt.latenessMs);
      }
      return traced ? traceAttempt(tracer, runContext, name, attempt) : undefined;
    },
    runEnded(final: RunRecord) {
      if (started) instruments?.runStopped(final);
      endRunSpan(span, final);
    },
  };
}

function traceAttempt(tracer: Tracer, runContext: Context, name: string, attempt: ObservedAttempt): AttemptObservation {
  const span = tracer.startSpan(
    `attempt ${name}`,
    {
      kind: SpanKind.INTERNAL,
      startTime: attempt.startedAt,
      attributes: { [ATTR.job]: name, [ATTR.attempt]: attempt.attempt },
    },
    runContext,
  );
  const attemptContext = trace.setSpan(runContext, span);
  return {
    wrap: (fn) => context.with(attemptContext, fn),
    attemptEnded(ended: RunAttempt) {
      span.setAttribute(ATTR.attemptStatus, ended.status);
      if (ended.error) {
        span.recordException(
          { name: ended.error.name, message: ended.error.message, stack: ended.error.stack },
          ended.finishedAt,
        );
        span.setAttribute(ATTR.errorType, errorType(ended.error)!);
      }
      if (ended.status === 'failed' || ended.status === 'timed_out') {
        span.setStatus({ code: SpanStatusCode.ERROR, message: ended.error?.message });
      }
      span.end(ended.finishedAt);
    },
  };
}

function endRunSpan(span: Span, final: RunRecord): void {
  if (!span.isRecording()) return;
  span.setAttribute(ATTR.status, final.status);
  span.setAttribute(ATTR.attempts, final.attempts.length);
  if (final.reason) span.setAttribute(ATTR.reason, final.reason);
  const type = errorType(final.error);
  if (type && final.status !== 'succeeded') span.setAttribute(ATTR.errorType, type);
  if (final.status === 'failed' || final.status === 'timed_out') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: final.error?.message });
  }
  span.end(final.finishedAt);
}
