/**
 * Prometheus metrics of the daemon (prom-client, a registry of its own):
 * runs by job and status, run durations, runs in progress, last success per job.
 */
import type { Scheduler, Store } from '@pokemon/scheduler';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The daemon's metrics. */
export interface RunnerMetrics {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  /** Detaches from the scheduler's events. */
  close(): void;
}

/** Bucket bounds of the duration histogram, seconds: 10 ms to 1 h. */
const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600];

/**
 * Creates the metrics and feeds them from the scheduler's events. Call before
 * `scheduler.start()` so no run is missed; `lastSuccess` is seeded from the store.
 */
export async function createMetrics(
  scheduler: Scheduler,
  store: Store,
  jobNames: readonly string[],
): Promise<RunnerMetrics> {
  const registry = new Registry();
  // prom-client's own names already start with process_ or nodejs_: pokemon_cron_process_cpu_seconds_total.
  collectDefaultMetrics({ register: registry, prefix: 'pokemon_cron_' });
  const runs = new Counter({
    name: 'pokemon_cron_runs_total',
    help: 'Runs that reached a final status, by job and status.',
    labelNames: ['job', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'pokemon_cron_run_duration_seconds',
    help: 'Duration of finished runs (first attempt start to finish), by job and status.',
    labelNames: ['job', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'pokemon_cron_last_success_timestamp_seconds',
    help: 'When each job last succeeded (Unix time, seconds; any instance).',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  // One scrape reads the scheduler's status once for both gauges.
  let statusRead: { atMs: number; value: ReturnType<Scheduler['status']> } | undefined;
  const status = (): ReturnType<Scheduler['status']> => {
    const now = Date.now();
    if (!statusRead || now - statusRead.atMs > 500) statusRead = { atMs: now, value: scheduler.status() };
    return statusRead.value;
  };
  new Gauge({
    name: 'pokemon_cron_runs_running',
    help: 'Runs in progress on this instance, by job.',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of await status()) this.set({ job: job.name }, job.running);
    },
  });
  new Gauge({
    name: 'pokemon_cron_runs_waiting',
    help: 'Runs waiting for a concurrency slot on this instance, by job.',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of await status()) this.set({ job: job.name }, job.waiting);
    },
  });
  for (const [job, run] of await store.latestRuns({ statuses: ['succeeded'], jobs: jobNames })) {
    lastSuccess.set({ job }, (run.finishedAt ?? run.scheduledFor).getTime() / 1000);
  }
  const off = scheduler.on('run:finished', ({ run }) => {
    runs.inc({ job: run.job, status: run.status });
    if (run.durationMs !== undefined) duration.observe({ job: run.job, status: run.status }, run.durationMs / 1000);
    if (run.status === 'succeeded') lastSuccess.set({ job: run.job }, (run.finishedAt ?? new Date()).getTime() / 1000);
  });
  return { registry, close: off };
}
