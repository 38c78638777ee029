import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { RunRecord } from '../store/types.js';
import { ATTR, METRIC } from './attributes.js';

/** Bucket bounds of the duration and lateness histograms, seconds: 10 ms to 1 h. */
const SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** The scheduler's metric instruments. @internal */
export interface Instruments {
  /** A run's first attempt started `latenessMs` after its slot: one more run in progress. */
  runStarted(record: RunRecord, latenessMs: number): void;
  /** A run whose first attempt had started is over on this instance. */
  runStopped(record: RunRecord): void;
  /** A final record this instance wrote: its outcome and, when it ran, its duration. */
  runRecorded(record: RunRecord): void;
}

/** Creates the instruments on `meter` (see {@link METRIC} for names and units). @internal */
export function createInstruments(meter: Meter): Instruments {
  const advice = { explicitBucketBoundaries: SECONDS_BUCKETS };
  const duration: Histogram = meter.createHistogram(METRIC.duration.name, { ...METRIC.duration, advice });
  const lateness: Histogram = meter.createHistogram(METRIC.lateness.name, { ...METRIC.lateness, advice });
  const outcomes: Counter = meter.createCounter(METRIC.outcomes.name, METRIC.outcomes);
  // Runs in progress are read when metrics are collected (an observable up-down counter): nothing is recorded per run.
  const activeByJob = new Map<string, number>();
  meter.createObservableUpDownCounter(METRIC.active.name, METRIC.active).addCallback((result) => {
    for (const [job, count] of activeByJob) result.observe(count, { [ATTR.job]: job });
  });
  return {
    runStarted(record, latenessMs) {
      activeByJob.set(record.job, (activeByJob.get(record.job) ?? 0) + 1);
      lateness.record(latenessMs / 1000, { [ATTR.job]: record.job, [ATTR.trigger]: record.trigger });
    },
    runStopped(record) {
      activeByJob.set(record.job, (activeByJob.get(record.job) ?? 1) - 1);
    },
    runRecorded(record) {
      const attributes: Attributes = {
        [ATTR.job]: record.job,
        [ATTR.trigger]: record.trigger,
        [ATTR.status]: record.status,
      };
      outcomes.add(1, attributes);
      if (record.durationMs !== undefined) duration.record(record.durationMs / 1000, attributes);
    },
  };
}
