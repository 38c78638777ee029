// biome-ignore-all assist/source/organizeImports: the curated public surface is grouped by concern, not sorted
/**
 * `@pokemon/scheduler`: a framework-agnostic cron job scheduler for Node.
 *
 * This entry holds what a service author writes against: {@link defineJob},
 * {@link createScheduler}, {@link createMemoryStore}, the errors, the job,
 * scheduler, event and run types, the notifier building blocks, and the
 * standalone primitives. Other entry points:
 *
 * - `@pokemon/scheduler/sqlite`, `@pokemon/scheduler/postgres`: persistent stores.
 * - `@pokemon/scheduler/slack`: the Slack notifier.
 * - `@pokemon/scheduler/otel`: traces and metrics through OpenTelemetry (optional peer `@opentelemetry/api`).
 * - `@pokemon/scheduler/monitors`: outside monitors (Healthchecks pings, Sentry Crons check-ins).
 * - `@pokemon/scheduler/testing`: the fake clock, for any test runner.
 * - `@pokemon/scheduler/store`: the `Store` contract and helpers, for store authors.
 * - `@pokemon/scheduler/store-contract`: the store conformance suite (vitest).
 * - `@pokemon/scheduler/primitives`: `retry`, `withTimeout` and `resolveDependencies`
 *   alone, without loading the cron machinery.
 *
 * @packageDocumentation
 */

// --- defining jobs and running them
export { defineJob } from './job/define-job.js';
export type {
  ExternalJobChange,
  ExternalJobSource,
  ExternalJobsHost,
  ExternalJobsPlan,
} from './job/external-jobs.js';
export type {
  CatchUpOptions,
  CatchUpPolicy,
  CircuitBreakerOptions,
  DependencyOptions,
  DstOptions,
  JobContext,
  JobDependencies,
  JobDefinition,
  JobHandler,
  JobIsolation,
  JobOptions,
  IsolatedJobHandler,
  IsolationMode,
  IsolationOptions,
  IsolationPort,
  IsolatedRunRef,
  OverlapPolicy,
  RetryOptions,
} from './job/types.js';
export type { RetryPolicy } from './primitives/retry-policy.js';
export { createScheduler } from './scheduler/create-scheduler.js';
export type {
  BackfillOptions,
  JobStatus,
  OperatorActionOptions,
  OperatorOptions,
  PauseOptions,
  Scheduler,
  SchedulerListener,
  SchedulerOptions,
  TriggerOptions,
} from './scheduler/types.js';
export type {
  JobStateName,
  NextRunsOptions,
  PlannedJob,
  PlanOptions,
  RunInProgress,
  SchedulerPlan,
} from './scheduler/inspect-types.js';
export type {
  AuditedSlot,
  InstancesView,
  JobSlotAudit,
  SlotAudit,
  SchedulerInstance,
  SlotAuditOptions,
  SlotClass,
  SlotReason,
} from './scheduler/slot-audit-types.js';
export { SCHEDULER_EVENTS } from './run/events.js';
export type {
  AttemptObservation,
  ObservedAttempt,
  ObservedJob,
  ObservedRun,
  RunObservation,
  RunObserver,
} from './run/observer.js';
export type { RunEventBase, SchedulerEventMap } from './run/events.js';
export type { CircuitTransition } from './policy/circuit-breaker.js';
export { createMemoryStore } from './store/memory-store.js';
export type { MemoryStoreOptions } from './store/memory-store.js';
// The type of `SchedulerOptions.store`; its record and query types are in `@pokemon/scheduler/store`.
export type { Store } from './store/types.js';

// --- what the scheduler reports: runs and job state
export type { CircuitState, JobPlan, RunAttempt, RunRecord, RunStatus, RunTrigger } from './store/types.js';

// --- the audit log (who paused, overrode, triggered, deployed what)
export type { AuditAction, AuditActor, AuditEntry, AuditPage, AuditQuery } from './store/types.js';

// --- errors
export {
  DependencyCycleError,
  InvalidJobError,
  InvalidOptionError,
  InvalidScheduleError,
  JobCancelledError,
  JobCrashedError,
  JobTimeoutError,
  NonRetryableError,
  NotifierError,
  SchedulerError,
  StoreError,
  TimeoutError,
  UnknownJobError,
} from './core/errors.js';
export { isRetryable, nonRetryable } from './core/retryable.js';
export type { CancelReason, SchedulerErrorCode, WorkerExit } from './core/errors.js';
export type { SerializedError } from './core/serialized-error.js';

// --- clock and logger
export { systemClock } from './core/clock.js';
export type { Clock, TimerHandle } from './core/clock.js';
export type { LogFields, Logger } from './core/logger.js';

// --- alerts: notifier building blocks
export { fanOut } from './alerts/fan-out.js';
export { logNotifier } from './alerts/log-notifier.js';
export { withMinSeverity } from './alerts/severity.js';
export { withCooldown } from './alerts/with-cooldown.js';
export type { CooldownOptions } from './alerts/with-cooldown.js';
export type { Alert, AlertKind, AlertOptions, AlertSeverity, FailureRateOptions, Notifier } from './alerts/types.js';

// --- standalone primitives (also at `@pokemon/scheduler/primitives`, without the cron machinery)
export { parseSchedule } from './schedule/index.js';
export type { Schedule, ScheduleOptions } from './schedule/index.js';
export { retry } from './primitives/retry.js';
export type { RetryCallOptions, RetryInfo } from './primitives/retry.js';
export { withTimeout } from './primitives/with-timeout.js';
export type { WithTimeoutOptions } from './primitives/with-timeout.js';
export { resolveDependencies } from './primitives/dependencies.js';
export type { DependencyNode } from './primitives/dependencies.js';
