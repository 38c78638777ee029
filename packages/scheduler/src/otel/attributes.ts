import type { RunTrigger } from '../store/types.js';

/**
 * Attribute names of the scheduler's spans and metrics. No OpenTelemetry semantic convention
 * covers scheduled jobs: the closest are followed: FaaS for what started a run (`faas.trigger`,
 * `faas.cron`, `faas.time`, `faas.invocation_id`), the general `error.type`, and a `scheduler.*`
 * namespace for what no convention names.
 */
export const ATTR = {
  /** Job name (low cardinality; on spans and metrics). */
  job: 'scheduler.job.name',
  /** What started the run: `schedule`, `manual`, `catch-up`, `backfill`, `dependency` (spans and metrics). */
  trigger: 'scheduler.run.trigger',
  /** The run's final status (spans and the outcome and duration metrics). */
  status: 'scheduler.run.status',
  /** Why a run was skipped, missed or cancelled (`overlap`, `paused`, `shutdown`...). */
  reason: 'scheduler.run.reason',
  /** Attempts made by the run. */
  attempts: 'scheduler.run.attempts',
  /** ms between the slot and the first attempt's start. */
  latenessMs: 'scheduler.run.lateness_ms',
  /** The instance holding the run. */
  instance: 'scheduler.instance.id',
  /** 1-based number of an attempt (attempt spans). */
  attempt: 'scheduler.attempt.number',
  /** How an attempt ended: `succeeded`, `failed`, `timed_out`, `cancelled` (attempt spans). */
  attemptStatus: 'scheduler.attempt.status',
  /** FaaS: `timer` for slots of the schedule (scheduled, catch-up, backfill), `other` for manual and dependency runs. */
  faasTrigger: 'faas.trigger',
  /** FaaS: the job's cron expression (the effective one). */
  faasCron: 'faas.cron',
  /** FaaS: the slot the run is for, ISO 8601 in UTC. */
  faasTime: 'faas.time',
  /** FaaS: the run id. */
  faasInvocationId: 'faas.invocation_id',
  /** The error's `code` when it has one (`JOB_TIMEOUT`...), else its `name` (`TypeError`). */
  errorType: 'error.type',
} as const;

/** Metric names and units. @internal */
export const METRIC = {
  duration: {
    name: 'scheduler.run.duration',
    unit: 's',
    description: 'Duration of finished runs, first attempt to final record.',
  },
  lateness: {
    name: 'scheduler.run.lateness',
    unit: 's',
    description: 'How long after its slot a run started its first attempt.',
  },
  outcomes: {
    name: 'scheduler.run.outcomes',
    unit: '{run}',
    description: 'Runs recorded with a final status, by status.',
  },
  active: {
    name: 'scheduler.run.active',
    unit: '{run}',
    description: 'Runs whose attempts are under way on this instance.',
  },
} as const;

/** `faas.trigger` of a run: a slot of the schedule is a timer. @internal */
export function faasTrigger(trigger: RunTrigger): 'timer' | 'other' {
  return trigger === 'schedule' || trigger === 'catch-up' || trigger === 'backfill' ? 'timer' : 'other';
}

/** `error.type` of a recorded error: its stable code when it has one, else its class name. @internal */
export function errorType(error: { name: string; code?: string } | undefined): string | undefined {
  if (!error) return undefined;
  return error.code ?? error.name;
}
