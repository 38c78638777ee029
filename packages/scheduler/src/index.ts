// biome-ignore-all assist/source/organizeImports: the curated public surface is grouped by concern, not sorted
/**
 * `@pokemon/scheduler`: a framework-agnostic cron job scheduler for Node.
 *
 * @packageDocumentation
 */

// --- errors, clock, logger (shared contracts)
export {
  DependencyCycleError,
  InvalidJobError,
  InvalidOptionError,
  InvalidScheduleError,
  JobCancelledError,
  JobTimeoutError,
  NonRetryableError,
  SchedulerError,
  StoreError,
  TimeoutError,
  serializeError,
  toError,
  UnknownJobError,
} from './errors.js';
export type { CancelReason, SchedulerErrorCode, SerializedError } from './errors.js';
export { sleep, systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { childLogger, silentLogger } from './logger.js';
export type { LogFields, Logger } from './logger.js';
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
  JobOptions,
  OverlapPolicy,
  RetryOptions,
} from './job/types.js';
export type {
  CircuitState,
  ClaimRequest,
  ClaimResult,
  FinalRunStatus,
  FinishRequest,
  JobPlan,
  JobSpec,
  JobState,
  JobStatePatch,
  JobStats,
  ListJobsOptions,
  PruneOptions,
  ReapResult,
  RunAttempt,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  RunTrigger,
  Store,
  StoreChange,
  StoreChangeListener,
  StoreWatch,
} from './store/types.js';

// --- schedule (owner: schedule workstream)
export { parseSchedule } from './schedule/index.js';
export type { Schedule, ScheduleOptions } from './schedule/index.js';

// --- engine: defineJob, createScheduler, primitives (owner: engine workstream)
export { defineJob } from './job/define-job.js';
// scheduler
export { createScheduler } from './scheduler/create-scheduler.js';
export type {
  BackfillOptions,
  JobStatus,
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
export type { RunEventBase, SchedulerEventMap } from './scheduler/events.js';
export { SCHEDULER_EVENTS } from './scheduler/events.js';
// primitives
export { isRetryable, nonRetryable } from './retryable.js';
export { retry } from './primitives/retry.js';
export type { RetryCallOptions, RetryInfo } from './primitives/retry.js';
export { retryDelayMs } from './primitives/retry-policy.js';
export type { RetryPolicy } from './primitives/retry-policy.js';
export { withTimeout } from './primitives/with-timeout.js';
export type { WithTimeoutOptions } from './primitives/with-timeout.js';
export { resolveDependencies, upstreamChain } from './primitives/dependencies.js';
export type { DependencyNode } from './primitives/dependencies.js';

// --- stores (owner: stores workstream)
export { createMemoryStore } from './store/memory-store.js';
export type { MemoryStoreOptions } from './store/memory-store.js';

// --- alerts and notifiers (owner: alerts workstream)
export { createAlertMonitor } from './alerts/monitor.js';
export type { AlertMonitor, AlertMonitorOptions } from './alerts/monitor.js';
export type { ScheduleSlots } from './alerts/stale.js';
export { DEFAULT_ALERT_OPTIONS } from './alerts/options.js';
export { fanOut } from './alerts/fan-out.js';
export { logNotifier } from './alerts/log-notifier.js';
export { isAtLeast, withMinSeverity } from './alerts/severity.js';
export { withCooldown } from './alerts/with-cooldown.js';
export type { CooldownOptions } from './alerts/with-cooldown.js';
export type { Alert, AlertKind, AlertOptions, AlertSeverity, FailureRateOptions, Notifier } from './alerts/types.js';
export { NotifierError } from './errors.js';
export { beginProbe, circuitAllows, nextCircuitState } from './policy/circuit-breaker.js';
export type { CircuitDecision, CircuitOptions, CircuitTransition } from './policy/circuit-breaker.js';
